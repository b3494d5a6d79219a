# Invalid example for mtpsh:IntercommunaliteShape: igeo:nom without language tag (sh:datatype rdf:langString).
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  ter:242900314 igeo:nom "Brest Métropole"@fr .
} ;
INSERT DATA {
  ter:242900314 igeo:nom "Brest Métropole" .
}

# Invalid example for mtpsh:IntercommunaliteShape: codeINSEE is not a 9-digit SIREN (sh:pattern).
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  ter:242900314 igeo:codeINSEE "242900314" .
} ;
INSERT DATA {
  ter:242900314 igeo:codeINSEE "29019" .
}

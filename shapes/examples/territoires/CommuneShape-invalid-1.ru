# Invalid example for mtpsh:CommuneShape: INSEE code 2C019: only 2A/2B may replace digits (sh:pattern).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
DELETE DATA {
  com:29019 igeo:codeINSEE "29019" .
} ;
INSERT DATA {
  com:29019 igeo:codeINSEE "2C019" .
}

# Invalid example for mtpsh:IntercommunaliteShape: population is a string (sh:datatype xsd:integer).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ter:242900314 mtp:populationMunicipale "210000"^^xsd:integer .
} ;
INSERT DATA {
  ter:242900314 mtp:populationMunicipale "210000" .
}

# Invalid example for mtpsh:PopulationMillesimeShape: a population given as text (sh:datatype xsd:integer).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019> mtp:populationTotale 214000 .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019> mtp:populationTotale "214 000" .
}

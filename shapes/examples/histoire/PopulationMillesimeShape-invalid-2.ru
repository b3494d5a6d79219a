# Invalid example for mtpsh:PopulationMillesimeShape: a municipal population larger than the total (sh:lessThanOrEquals).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-29019-2021> mtp:populationMunicipale 139000 .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-29019-2021> mtp:populationMunicipale 143000 .
}

# Valid example for mtpsh:PopulationMillesimeShape: a millésime that gives only the total population (the municipal one stays empty).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019> mtp:populationMunicipale 209000 .
}

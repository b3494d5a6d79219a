# Invalid example for mtpsh:PopulationMillesimeShape: a millésime that gives no population at all (sh:or: municipal or total).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019> mtp:populationMunicipale 209000 ;
    mtp:populationTotale 214000 .
}

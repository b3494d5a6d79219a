# Invalid example for mtpsh:PopulationMillesimeShape: a population without its millésime (mtp:millesime minCount 1).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019> mtp:millesime "2019"^^xsd:gYear .
}

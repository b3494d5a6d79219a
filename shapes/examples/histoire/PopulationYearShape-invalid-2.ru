# Invalid example for mtpsh:PopulationYearShape: a member's population in a millésime its membership (2019-2025) does not cover.
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-29019-2021> mtp:millesime "2021"^^xsd:gYear .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-29019-2021> mtp:millesime "2026"^^xsd:gYear .
}

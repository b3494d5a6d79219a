# Invalid example for mtpsh:AdhesionShape: a membership's population that is not a mtp:PopulationMillesime (sh:class).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#adhesion-29019-2019> mtp:populationMillesime com:29019 .
}

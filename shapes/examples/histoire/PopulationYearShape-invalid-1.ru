# Invalid example for mtpsh:PopulationYearShape: two populations of the territory for the same millésime.
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  ter:242900314 mtp:populationMillesime <https://w3id.org/metropoles/id/territoire/242900314#population-2019-bis> .
  <https://w3id.org/metropoles/id/territoire/242900314#population-2019-bis> a mtp:PopulationMillesime ;
    mtp:millesime "2019"^^xsd:gYear ;
    mtp:populationMunicipale 208000 ;
    dct:source <https://unpkg.com/@etalab/decoupage-administratif@0.7.0/data/epci.json> .
}

# Invalid example for mtpsh:PopulationMillesimeShape: a population that cites no source (dct:source minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#population-29019-2021> dct:source <https://unpkg.com/@etalab/decoupage-administratif@1.1.1/data/epci.json> .
}

# Invalid example for mtpsh:MillesimeOrderShape: a first millésime after the last.
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  <https://w3id.org/metropoles/id/metropole/242900314#identite-242900314-2019> mtp:premierMillesime "2019"^^xsd:gYear .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/metropole/242900314#identite-242900314-2019> mtp:premierMillesime "2026"^^xsd:gYear .
}

# Invalid example for mtpsh:ContratDeCooperationShape: two deduced dates (mtp:dateDeduite maxCount 1).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  ctr:ct-exemple-alliance mtp:dateDeduite "2021"^^xsd:gYear .
}

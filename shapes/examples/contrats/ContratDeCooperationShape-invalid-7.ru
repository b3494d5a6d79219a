# Invalid example for mtpsh:ContratDeCooperationShape: deduced date as a plain string (sh:or xsd:date / gYearMonth / gYear).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-exemple-alliance mtp:dateDeduite "2021-12-14"^^xsd:date .
} ;
INSERT DATA {
  ctr:ct-exemple-alliance mtp:dateDeduite "mardi 14 décembre" .
}

# Invalid example for mtpsh:AccordDateBoundsShape: a bound that is not an xsd:date.
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-brest-cob mtp:dateAuPlusTot "2016-11-01"^^xsd:date .
} ;
INSERT DATA {
  ctr:ct-brest-cob mtp:dateAuPlusTot "2016-11"^^xsd:gYearMonth .
}

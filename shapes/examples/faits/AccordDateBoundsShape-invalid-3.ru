# Invalid example for mtpsh:AccordDateBoundsShape: an alternative date outside the bounds.
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-brest-cob mtp:dateAlternative "2016-11-18"^^xsd:date .
} ;
INSERT DATA {
  ctr:ct-brest-cob mtp:dateAlternative "2016-12-02"^^xsd:date .
}

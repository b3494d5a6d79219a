# Invalid example for mtpsh:AccordDateBoundsShape: the earliest bound is after the signature date.
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pem-2016 mtp:dateAuPlusTot "2016-07-06"^^xsd:date .
} ;
INSERT DATA {
  pac:pem-2016 mtp:dateAuPlusTot "2016-07-07"^^xsd:date .
}

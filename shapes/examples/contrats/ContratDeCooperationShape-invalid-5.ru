# Invalid example for mtpsh:ContratDeCooperationShape: date as a plain string (sh:or xsd:date / gYearMonth / gYear).
# The bounds go too: they are computed from a date, and a string has none.
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-brest-cob dct:issued "2016-11"^^xsd:gYearMonth ;
    mtp:dateAuPlusTot "2016-11-01"^^xsd:date ;
    mtp:dateAuPlusTard "2016-11-30"^^xsd:date .
} ;
INSERT DATA {
  ctr:ct-brest-cob dct:issued "novembre 2016" .
}

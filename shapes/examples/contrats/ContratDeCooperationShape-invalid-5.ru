# Invalid example for mtpsh:ContratDeCooperationShape: date as a plain string (sh:or xsd:date / gYearMonth / gYear).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-brest-cob dct:issued "2016-11"^^xsd:gYearMonth .
} ;
INSERT DATA {
  ctr:ct-brest-cob dct:issued "novembre 2016" .
}

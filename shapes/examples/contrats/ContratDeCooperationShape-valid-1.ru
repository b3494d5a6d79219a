# Valid example for mtpsh:ContratDeCooperationShape: contract dated to the year only (xsd:gYear).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  ctr:ct-brest-cob dct:issued "2016-11"^^xsd:gYearMonth .
} ;
INSERT DATA {
  ctr:ct-brest-cob dct:issued "2016"^^xsd:gYear .
}

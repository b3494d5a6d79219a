# Invalid example for mtpsh:PacteMetropolitainInnovationShape: dated with the national pact's month, not shown after it (SPARQL constraint: 2016-07 <= 2016-07).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest dct:issued "2017-01-27"^^xsd:date .
} ;
INSERT DATA {
  pac:pmi-brest dct:issued "2016-07"^^xsd:gYearMonth .
}

# Valid example for mtpsh:PacteMetropolitainInnovationShape: pact dated to the month only (xsd:gYearMonth), after the national pact.
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest dct:issued "2017-01-27"^^xsd:date .
} ;
INSERT DATA {
  pac:pmi-brest dct:issued "2016-11"^^xsd:gYearMonth .
}

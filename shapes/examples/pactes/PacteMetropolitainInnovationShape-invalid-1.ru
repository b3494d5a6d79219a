# Invalid example for mtpsh:PacteMetropolitainInnovationShape: signed before the national pact (SPARQL constraint: 2016-06-30 <= 2016-07-06).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest dct:issued "2017-01-27"^^xsd:date .
} ;
INSERT DATA {
  pac:pmi-brest dct:issued "2016-06-30"^^xsd:date .
}

# Invalid example for mtpsh:PacteDateRecommendedShape: pact without dct:issued (warning).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest dct:issued "2017-01-27"^^xsd:date .
}

# Invalid example for mtpsh:PacteShape: pact without dct:source (minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
DELETE DATA {
  pac:pem-2016 dct:source <https://example.org/source/pem> .
}

# Invalid example for mtpsh:MetropoleShape: no dct:source (minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
DELETE DATA {
  met:242900314 dct:source <https://example.org/source/brest> .
}

# Invalid example for mtpsh:SignatureShape: a signature that cites no source (dct:source minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
DELETE DATA {
  <https://w3id.org/metropoles/id/pacte/pem-2016#signature-manuel-valls> dct:source <https://example.org/source/pem> .
}

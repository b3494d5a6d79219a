# Invalid example for mtpsh:ResourceShape: dct:source is a literal, not an IRI (sh:nodeKind sh:IRI).
# Also fires: mtpsh:PacteShape (its own dct:source rule).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
DELETE DATA {
  pac:pem-2016 dct:source <https://example.org/source/pem> .
} ;
INSERT DATA {
  pac:pem-2016 dct:source "https://example.org/source/pem" .
}

# Invalid example for mtpsh:ConceptSchemeShape: scheme without dct:title @fr (qualifiedMinCount 1).
PREFIX code: <https://w3id.org/metropoles/code/>
PREFIX dct: <http://purl.org/dc/terms/>
DELETE DATA {
  code:type-contrat dct:title "Types de contrat"@fr .
} ;
INSERT DATA {
  code:type-contrat dct:title "Contract types"@en .
}

# Invalid example for mtpsh:ConceptSchemeShape: scheme without skos:prefLabel @fr (qualifiedMinCount 1).
PREFIX code: <https://w3id.org/metropoles/code/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DELETE DATA {
  code:type-contrat skos:prefLabel "Types de contrat"@fr .
}

# Invalid example for mtpsh:ConceptShape: concept with neither skos:broader nor skos:topConceptOf (sh:or).
PREFIX code: <https://w3id.org/metropoles/code/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX tc: <https://w3id.org/metropoles/code/type-contrat/>
DELETE DATA {
  tc:reciprocite skos:notation "reciprocite" .
  tc:reciprocite skos:topConceptOf code:type-contrat .
} ;
INSERT DATA {
  tc:reciprocite skos:notation "x" .
}

# Invalid example for mtpsh:ConceptShape: concept without skos:notation (minCount 1).
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX thm: <https://w3id.org/metropoles/code/themes-cooperation-interterritoriale/>
DELETE DATA {
  thm:mobilite skos:notation "mobilite" .
}

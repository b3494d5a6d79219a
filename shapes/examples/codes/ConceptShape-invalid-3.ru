# Invalid example for mtpsh:ConceptShape: concept with two skos:prefLabel @en (sh:uniqueLang).
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX thm: <https://w3id.org/metropoles/code/themes-cooperation-interterritoriale/>
INSERT DATA {
  thm:mobilite skos:prefLabel "Transport"@en .
}

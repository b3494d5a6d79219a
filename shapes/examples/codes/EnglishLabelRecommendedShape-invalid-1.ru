# Invalid example for mtpsh:EnglishLabelRecommendedShape: concept without English label (warning).
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX thm: <https://w3id.org/metropoles/code/themes-cooperation-interterritoriale/>
DELETE DATA {
  thm:mobilite skos:prefLabel "Mobility"@en .
}

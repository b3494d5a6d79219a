# Invalid example for mtpsh:MetropoleShape: the organisation is also typed as its territory (sh:not sh:class igeo:Intercommunalite).
# Also fires: mtpsh:IntercommunaliteShape, mtpsh:IntercommunalitePopulationRecommendedShape (a territory's rules then apply to the métropole).
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
INSERT DATA {
  met:242900314 a igeo:Intercommunalite .
}

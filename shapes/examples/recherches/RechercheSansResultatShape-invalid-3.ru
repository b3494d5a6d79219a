# Invalid example for mtpsh:RechercheSansResultatShape: search that does not say what was searched (mtp:elementRecherche minCount 1).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX rech: <https://w3id.org/metropoles/id/recherche/>
DELETE DATA {
  rech:rech-exemple mtp:elementRecherche "contrat de réciprocité Brest"@fr , "Brest et Morlaix Communauté"@fr .
}

# Invalid example for mtpsh:RechercheSansResultatShape: search without its métropole (mtp:metropoleRecherchee minCount 1).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX rech: <https://w3id.org/metropoles/id/recherche/>
DELETE DATA {
  rech:rech-exemple mtp:metropoleRecherchee met:242900314 .
}

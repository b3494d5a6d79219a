# Invalid example for mtpsh:IdentiteShape: an identity without its official name (mtp:nomOfficiel minCount 1).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/metropole/242900314#identite-242900314-2019> mtp:nomOfficiel "Brest Métropole"@fr .
}

# Invalid example for mtpsh:MetropoleSiegeRecommendedShape: métropole without siège (warning).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  met:242900314 mtp:siege com:29019 .
}

# Invalid example for mtpsh:MetropoleShape: no mtp:siren (minCount 1).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  met:242900314 mtp:siren "242900314" .
}

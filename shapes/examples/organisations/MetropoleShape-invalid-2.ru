# Invalid example for mtpsh:MetropoleShape: no mtp:territoire (minCount 1).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  met:242900314 mtp:territoire ter:242900314 .
}

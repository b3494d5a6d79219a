# Invalid example for mtpsh:IntercommunaliteShape: no mtp:territoireDe (minCount 1).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  ter:242900314 mtp:territoireDe met:242900314 .
}

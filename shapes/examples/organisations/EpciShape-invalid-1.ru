# Invalid example for mtpsh:EpciShape: EPCI without mtp:siren (minCount 1).
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  epci:200067072 mtp:siren "200067072" .
}

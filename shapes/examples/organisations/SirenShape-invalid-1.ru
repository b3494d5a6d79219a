# Invalid example for mtpsh:SirenShape: SIREN is not 9 digits (sh:pattern).
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  epci:200067072 mtp:siren "200067072" .
} ;
INSERT DATA {
  epci:200067072 mtp:siren "20006707" .
}

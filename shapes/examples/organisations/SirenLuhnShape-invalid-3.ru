# Invalid example for mtpsh:SirenLuhnShape: EPCI SIREN fails the Luhn check (SPARQL constraint): 200067073.
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  epci:200067072 mtp:siren "200067072" .
} ;
INSERT DATA {
  epci:200067072 mtp:siren "200067073" .
}

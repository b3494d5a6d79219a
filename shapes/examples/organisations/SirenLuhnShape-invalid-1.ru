# Invalid example for mtpsh:SirenLuhnShape: SIREN fails the Luhn check (SPARQL constraint): 242900315.
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  met:242900314 mtp:siren "242900314" .
} ;
INSERT DATA {
  met:242900314 mtp:siren "242900315" .
}

# Invalid example for mtpsh:SirenLuhnShape: former SIREN fails the Luhn check (SPARQL constraint): 200046978.
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  met:242900314 mtp:sirenAnterieur "200046978" .
}

# Invalid example for mtpsh:SirenShape: former SIREN with a letter (sh:pattern).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  met:242900314 mtp:sirenAnterieur "2000469A7" .
}

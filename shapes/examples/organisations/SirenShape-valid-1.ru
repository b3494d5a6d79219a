# Valid example for mtpsh:SirenShape: a former SIREN (mtp:sirenAnterieur) of 9 digits that passes Luhn.
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  met:242900314 mtp:sirenAnterieur "200046977" .
}

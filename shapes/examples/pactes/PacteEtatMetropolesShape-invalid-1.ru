# Invalid example for mtpsh:PacteEtatMetropolesShape: national pact with a single mtp:metropole (maxCount 0).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
INSERT DATA {
  pac:pem-2016 mtp:metropole met:242900314 .
}

# Invalid example for mtpsh:OrganizationShape: ISTAT code of 2 digits (sh:pattern).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
DELETE DATA {
  orga:citta-metropolitana-di-genova mtp:codeISTAT "210" .
} ;
INSERT DATA {
  orga:citta-metropolitana-di-genova mtp:codeISTAT "21" .
}

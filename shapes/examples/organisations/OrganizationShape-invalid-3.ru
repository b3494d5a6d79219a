# Invalid example for mtpsh:OrganizationShape: country outside the EU authority table (sh:pattern on mtp:pays).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX pays: <http://publications.europa.eu/resource/authority/country/>
DELETE DATA {
  orga:provincia-di-imperia mtp:pays pays:ITA .
} ;
INSERT DATA {
  orga:provincia-di-imperia mtp:pays <https://example.org/italie> .
}

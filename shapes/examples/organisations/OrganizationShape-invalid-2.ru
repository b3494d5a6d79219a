# Invalid example for mtpsh:OrganizationShape: uncoded partner carrying a SIREN (maxCount 0).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  orga:pays-cob mtp:siren "200046977" .
}

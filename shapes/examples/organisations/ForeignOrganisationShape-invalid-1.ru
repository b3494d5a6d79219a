# Invalid example for mtpsh:ForeignOrganisationShape: foreign province without country (mtp:pays minCount 1).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX pays: <http://publications.europa.eu/resource/authority/country/>
DELETE DATA {
  orga:provincia-di-imperia mtp:pays pays:ITA .
}

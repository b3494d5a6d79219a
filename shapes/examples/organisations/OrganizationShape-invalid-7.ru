# Invalid example for mtpsh:OrganizationShape: an uncoded body succeeded by a commune (dct:isReplacedBy sh:or org:FormalOrganization, mtp:Metropole).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  orga:pays-cob dct:isReplacedBy com:29019 .
}

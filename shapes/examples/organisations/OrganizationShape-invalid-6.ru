# Invalid example for mtpsh:OrganizationShape: an uncoded body whose territory is a commune (dct:spatial sh:or igeo:Departement, igeo:Region).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  orga:pays-cob dct:spatial com:29019 .
}

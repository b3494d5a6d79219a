# Invalid example for mtpsh:CollectivitePartnerShape: co-signing département not linked to its territory (dct:spatial minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
DELETE DATA {
  orga:departement-29 dct:spatial dep:29 .
}

# Invalid example for mtpsh:CollectivitePartnerShape: a département whose territory is a région (sh:or: territory of the body's own kind).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  orga:departement-29 dct:spatial dep:29 .
} ;
INSERT DATA {
  orga:departement-29 dct:spatial reg:53 .
}

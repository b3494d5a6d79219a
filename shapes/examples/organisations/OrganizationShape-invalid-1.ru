# Invalid example for mtpsh:OrganizationShape: uncoded partner classified METRO (sh:in on org:classification/skos:notation).
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX to: <https://w3id.org/metropoles/code/type-organisation/>
DELETE DATA {
  orga:pays-cob org:classification to:PAYS .
} ;
INSERT DATA {
  orga:pays-cob org:classification to:METRO .
}

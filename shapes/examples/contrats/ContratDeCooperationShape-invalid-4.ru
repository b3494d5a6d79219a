# Invalid example for mtpsh:ContratDeCooperationShape: partner is a concept (sh:or of sh:class).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX thm: <https://w3id.org/metropoles/code/themes-cooperation-interterritoriale/>
DELETE DATA {
  ctr:ct-brest-cob mtp:partenaire orga:pays-cob .
} ;
INSERT DATA {
  ctr:ct-brest-cob mtp:partenaire thm:mobilite .
}

# Invalid example for mtpsh:ContratDeCooperationShape: the same organisation as confirmed and unconfirmed partner (sh:disjoint).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
INSERT DATA {
  ctr:ct-exemple-alliance mtp:partenaireNonConfirme orga:provincia-di-imperia .
}

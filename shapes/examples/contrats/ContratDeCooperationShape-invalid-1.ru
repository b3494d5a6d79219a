# Invalid example for mtpsh:ContratDeCooperationShape: no mtp:partenaire (minCount 1).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
DELETE DATA {
  ctr:ct-brest-cob mtp:partenaire epci:200067072 .
  ctr:ct-brest-cob mtp:partenaire orga:pays-cob .
}

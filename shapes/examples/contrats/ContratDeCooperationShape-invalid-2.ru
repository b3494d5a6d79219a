# Invalid example for mtpsh:ContratDeCooperationShape: two mtp:metropole (maxCount 1).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  ctr:ct-brest-cob mtp:metropole epci:200067072 .
}

# Invalid example for mtpsh:ContratDeCooperationShape: no mtp:lienAuPacte (minCount 1).
PREFIX ctr: <https://w3id.org/metropoles/id/contrat/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  ctr:ct-brest-cob mtp:lienAuPacte "antérieur au pacte ; lien formel non établi"@fr .
}

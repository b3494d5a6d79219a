# Invalid example for mtpsh:SignatureShape: a person signing on behalf of no body (mtp:auNomDe required for a person).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
DELETE DATA {
  <https://w3id.org/metropoles/id/pacte/pem-2016#signature-manuel-valls> mtp:auNomDe orga:etat .
}

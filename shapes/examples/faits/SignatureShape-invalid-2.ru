# Invalid example for mtpsh:SignatureShape: a role outside the role-signataire scheme.
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX role: <https://w3id.org/metropoles/code/role-signataire/>
PREFIX to: <https://w3id.org/metropoles/code/type-organisation/>
DELETE DATA {
  <https://w3id.org/metropoles/id/pacte/pem-2016#signature-manuel-valls> prov:hadRole role:premier-ministre .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/pacte/pem-2016#signature-manuel-valls> prov:hadRole to:METRO .
}

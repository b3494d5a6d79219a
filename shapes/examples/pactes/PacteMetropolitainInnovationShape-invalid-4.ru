# Invalid example for mtpsh:PacteMetropolitainInnovationShape: mtp:metropole is a territory (sh:class mtp:Metropole).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  pac:pmi-brest mtp:metropole met:242900314 .
} ;
INSERT DATA {
  pac:pmi-brest mtp:metropole ter:242900314 .
}

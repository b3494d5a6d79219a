# Invalid example for mtpsh:PacteMetropolitainInnovationShape: no mtp:pacteNational (minCount 1).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
DELETE DATA {
  pac:pmi-brest mtp:pacteNational pac:pem-2016 .
}

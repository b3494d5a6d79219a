# Invalid example for mtpsh:PacteShape: State amount as a string (sh:datatype xsd:decimal).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest mtp:montantEtat "10000000.00"^^xsd:decimal .
} ;
INSERT DATA {
  pac:pmi-brest mtp:montantEtat "10 M€" .
}

# Invalid example for mtpsh:PacteShape: rangSignature 0 (sh:datatype xsd:positiveInteger).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pmi-brest mtp:rangSignature "9"^^xsd:positiveInteger .
} ;
INSERT DATA {
  pac:pmi-brest mtp:rangSignature "0"^^xsd:integer .
}

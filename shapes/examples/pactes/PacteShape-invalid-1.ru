# Invalid example for mtpsh:PacteShape: pact date as xsd:gYear (sh:or xsd:date / xsd:gYearMonth).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pac: <https://w3id.org/metropoles/id/pacte/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  pac:pem-2016 dct:issued "2016-07-06"^^xsd:date .
} ;
INSERT DATA {
  pac:pem-2016 dct:issued "2016"^^xsd:gYear .
}

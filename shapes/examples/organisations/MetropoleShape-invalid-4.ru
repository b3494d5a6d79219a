# Invalid example for mtpsh:MetropoleShape: dateStatutMetropole is a string (sh:datatype xsd:date).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  met:242900314 mtp:dateStatutMetropole "2015-01-01"^^xsd:date .
} ;
INSERT DATA {
  met:242900314 mtp:dateStatutMetropole "2015-01-01" .
}

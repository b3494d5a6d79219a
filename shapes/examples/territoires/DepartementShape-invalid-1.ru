# Invalid example for mtpsh:DepartementShape: département code 96 (sh:pattern: 01-95, 2A, 2B, 971-976).
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
DELETE DATA {
  dep:29 igeo:codeINSEE "29" .
} ;
INSERT DATA {
  dep:29 igeo:codeINSEE "96" .
}

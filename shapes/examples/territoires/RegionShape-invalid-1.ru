# Invalid example for mtpsh:RegionShape: région code with 3 digits (sh:pattern).
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  reg:53 igeo:codeINSEE "53" .
} ;
INSERT DATA {
  reg:53 igeo:codeINSEE "053" .
}

# Invalid example for mtpsh:ResourceShape: label in a language other than fr/en (sh:languageIn).
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
INSERT DATA {
  reg:53 rdfs:label "Breizh"@br .
}

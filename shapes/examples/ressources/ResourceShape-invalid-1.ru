# Invalid example for mtpsh:ResourceShape: rdfs:label @fr missing (qualifiedMinCount 1 on rdfs:label @fr).
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
DELETE DATA {
  dep:29 rdfs:label "Finistère"@fr .
}

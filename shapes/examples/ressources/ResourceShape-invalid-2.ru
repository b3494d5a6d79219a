# Invalid example for mtpsh:ResourceShape: two rdfs:label @fr (qualifiedMaxCount 1 / uniqueLang).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA {
  com:29019 rdfs:label "Brest (Finistère)"@fr .
}

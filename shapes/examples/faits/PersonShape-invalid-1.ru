# Invalid example for mtpsh:PersonShape: a person who signed nothing (^prov:agent minCount 1).
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX per: <https://w3id.org/metropoles/id/personne/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA {
  per:personne-exemple a prov:Person , foaf:Person ;
    rdfs:label "Personne d'exemple"@fr ;
    foaf:name "Personne d'exemple" .
}

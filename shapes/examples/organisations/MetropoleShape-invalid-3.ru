# Invalid example for mtpsh:MetropoleShape: classification is not METRO/MET69 (sh:in on org:classification/skos:notation).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX to: <https://w3id.org/metropoles/code/type-organisation/>
DELETE DATA {
  met:242900314 org:classification to:METRO .
} ;
INSERT DATA {
  met:242900314 org:classification to:CC .
}

# Invalid example for mtpsh:EpciShape: EPCI classified PAYS (sh:in on org:classification/skos:notation).
PREFIX epci: <https://w3id.org/metropoles/id/epci/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX to: <https://w3id.org/metropoles/code/type-organisation/>
DELETE DATA {
  epci:200067072 org:classification to:CC .
} ;
INSERT DATA {
  epci:200067072 org:classification to:PAYS .
}

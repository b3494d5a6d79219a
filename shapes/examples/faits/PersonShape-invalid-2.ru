# Invalid example for mtpsh:PersonShape: a person without a name (foaf:name minCount 1).
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX per: <https://w3id.org/metropoles/id/personne/>
DELETE DATA {
  per:manuel-valls foaf:name "Manuel Valls" .
}

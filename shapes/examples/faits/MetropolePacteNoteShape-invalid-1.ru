# Invalid example for mtpsh:MetropolePacteNoteShape: a note that is not a French string (rdf:langString @fr).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  met:242900314 mtp:notePacteInnovation "PMI signé 2017-01-27"@fr .
} ;
INSERT DATA {
  met:242900314 mtp:notePacteInnovation "PMI signé 2017-01-27" .
}

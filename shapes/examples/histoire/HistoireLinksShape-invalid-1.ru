# Invalid example for mtpsh:HistoireLinksShape: an identity given as text (mtp:identite sh:nodeKind sh:IRI).
PREFIX met: <https://w3id.org/metropoles/id/metropole/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  met:242900314 mtp:identite "Brest Métropole 2019-2025" .
}

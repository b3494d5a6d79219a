# Invalid example for mtpsh:HistoireLinksShape: a membership given as text (mtp:adhesion sh:nodeKind sh:IRI).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
INSERT DATA {
  ter:242900314 mtp:adhesion "Brest 2019-2025" .
}

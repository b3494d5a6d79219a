# Invalid example for mtpsh:HistoireLinksShape: a population given as text on the territory (mtp:populationMillesime sh:nodeKind sh:IRI).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
INSERT DATA {
  ter:242900314 mtp:populationMillesime "209000 en 2019" .
}

# Invalid example for mtpsh:IntercommunaliteShape: no commune (igeo:subdivisionDirecte minCount 1).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
DELETE DATA {
  ter:242900314 igeo:subdivisionDirecte com:29019 .
}

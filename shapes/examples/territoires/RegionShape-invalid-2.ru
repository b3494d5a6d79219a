# Invalid example for mtpsh:RegionShape: région without igeo:nom (minCount 1).
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  reg:53 igeo:nom "Bretagne"@fr .
}

# Invalid example for mtpsh:DepartementShape: département without région (igeo:subdivisionDirecteDe minCount 1).
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  dep:29 igeo:subdivisionDirecteDe reg:53 .
}

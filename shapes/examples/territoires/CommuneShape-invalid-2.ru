# Invalid example for mtpsh:CommuneShape: commune without département (igeo:subdivisionDirecteDe minCount 1).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
DELETE DATA {
  com:29019 igeo:subdivisionDirecteDe dep:29 .
}

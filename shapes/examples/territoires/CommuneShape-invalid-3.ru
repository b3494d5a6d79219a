# Invalid example for mtpsh:CommuneShape: commune whose subdivisionDirecteDe is a région (sh:class igeo:Departement).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX dep: <https://w3id.org/metropoles/id/departement/>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  com:29019 igeo:subdivisionDirecteDe dep:29 .
} ;
INSERT DATA {
  com:29019 igeo:subdivisionDirecteDe reg:53 .
}

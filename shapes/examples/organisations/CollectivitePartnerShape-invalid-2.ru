# Invalid example for mtpsh:CollectivitePartnerShape: a région as a collectivité not linked to its territory (dct:spatial minCount 1).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX reg: <https://w3id.org/metropoles/id/region/>
DELETE DATA {
  orga:region-bretagne dct:spatial reg:53 .
}

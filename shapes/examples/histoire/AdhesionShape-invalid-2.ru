# Invalid example for mtpsh:AdhesionShape: a member commune that is also its current commune (mtp:communeMembre sh:disjoint mtp:communeActuelle).
PREFIX com: <https://w3id.org/metropoles/id/commune/>
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#adhesion-29019-2019> mtp:communeActuelle com:29019 .
}

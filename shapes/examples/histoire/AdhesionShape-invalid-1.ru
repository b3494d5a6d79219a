# Invalid example for mtpsh:AdhesionShape: a commune code that is not an INSEE code (sh:pattern on mtp:codeCommune).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
DELETE DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#adhesion-29019-2019> mtp:codeCommune "29019" .
} ;
INSERT DATA {
  <https://w3id.org/metropoles/id/territoire/242900314#adhesion-29019-2019> mtp:codeCommune "2901" .
}

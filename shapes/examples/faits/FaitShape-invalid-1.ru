# Invalid example for mtpsh:FaitShape: a fact derived from no source (prov:wasDerivedFrom minCount 1).
PREFIX prov: <http://www.w3.org/ns/prov#>
DELETE DATA {
  <https://w3id.org/metropoles/id/pacte/pem-2016#fait-issued-0a1b2c3d> prov:wasDerivedFrom <https://example.org/source/pem> .
}

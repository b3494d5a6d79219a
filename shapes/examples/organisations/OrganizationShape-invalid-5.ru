# Invalid example for mtpsh:OrganizationShape: group size as a plain integer 0 (sh:datatype xsd:positiveInteger).
PREFIX mtp: <https://w3id.org/metropoles/def/metropoles#>
PREFIX orga: <https://w3id.org/metropoles/id/organisation/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  orga:groupe-exemple mtp:nombreMembres "3"^^xsd:positiveInteger .
} ;
INSERT DATA {
  orga:groupe-exemple mtp:nombreMembres 0 .
}

# Invalid example for mtpsh:FeatureShape: two outlines for one feature (sh:maxCount).
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
PREFIX ct: <https://w3id.org/metropoles/id/centroide/territoire/>
INSERT DATA {
  ter:245400601 geo:hasGeometry ct:245400601 .
}

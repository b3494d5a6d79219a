# Invalid example for mtpsh:GeometryShape: a WKT literal without its CRS (sh:pattern).
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX ter: <https://w3id.org/metropoles/id/territoire/>
PREFIX ct: <https://w3id.org/metropoles/id/centroide/territoire/>
DELETE DATA {
  ct:245400601 geo:asWKT "<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT (6.15 48.75)"^^geo:wktLiteral .
} ;
INSERT DATA {
  ct:245400601 geo:asWKT "POINT (6.15 48.75)"^^geo:wktLiteral .
}

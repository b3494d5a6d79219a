# Invalid example for mtpsh:RechercheSansResultatShape: search dated to the year only (dct:date sh:datatype xsd:date).
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rech: <https://w3id.org/metropoles/id/recherche/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA {
  rech:rech-exemple dct:date "2026-12-02"^^xsd:date .
} ;
INSERT DATA {
  rech:rech-exemple dct:date "2026"^^xsd:gYear .
}

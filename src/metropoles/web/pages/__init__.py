"""What people and crawlers read: every minted IRI dereferenced (``dereference`` maps paths and
negotiates the format, ``represent`` builds the RDF or the page), resource views by kind
(``describe``, ``view``, ``kinds``), French values and term labels (``values``, ``terms`` with
``terms.csv``), the home and search pages (``routes``, ``site``, ``search``), the ontology
documentation (``ontology_doc``), schema.org JSON-LD, the sitemap and the publication's
downloads. The SPARQL these pages run lives in ``queries/*.rq``."""

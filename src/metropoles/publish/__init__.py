"""Publishing: the build pipeline (``build``) that validates the graph with SHACL
(``validation``), writes the dumps (``dumps``, ``jsonld``), the CSV exports (``exports``) and the
catalogue (``catalog``) aside and switches them in atomically (``staging``); and the push to a
data.gouv.fr-compatible portal (``datagouv``)."""

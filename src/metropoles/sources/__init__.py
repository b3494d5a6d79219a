"""Reading: ``data/`` into typed records (``read``), with every value checked against its rule
(``checks``, ``csvrows``, ``copies``, ``facts``, ``history``); and the commands that regenerate
``data/reference/`` and ``data/geo/`` from the official packages (``refdata``, ``geodata``). No RDF
here."""

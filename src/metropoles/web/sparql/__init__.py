"""The query service: the SPARQL 1.1 Protocol at /sparql (reading the request in ``protocol``,
refusing updates and abuse in ``screening``, running the query in a worker process forked from
the store by ``pool`` and ``workers``, writing results in ``engine`` and ``results``, caching
finished answers in ``answers``), its Service Description (``service``), the read-only Graph
Store Protocol and VoID (``graph_store``), and the query page with its example queries
(``query_page``, ``examples``). ``routes`` is the /sparql router; ``endpoint`` holds what the
routes share, as part of the app's State."""

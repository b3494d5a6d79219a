"""The store the site reads, behind one interface (``base``): the embedded pyoxigraph store or
any SPARQL 1.1 server over HTTP (``remote``), which ``loading`` fills from a publication."""

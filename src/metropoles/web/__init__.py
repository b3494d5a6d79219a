"""The web layer: ``app.create_app`` makes one ``state.State`` and hands it to the routers of two
packages, ``sparql`` (the query service) and ``pages`` (dereferenceable IRIs and HTML pages);
what both use sits here: content negotiation, HTTP caching, problem responses."""

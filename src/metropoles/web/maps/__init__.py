"""Maps and the time axis of the pages, drawn on the server as SVG from the published geometry
and dates: ``geography`` reads what they draw from the store (once, when the app starts;
its SPARQL is in ``pages/queries/map_*.rq`` and ``timeline.rq``), ``drawing`` projects and draws
the maps and writes their GeoJSON, ``timeline`` lays the pacts out on a time axis, ``routes``
serves each map's GeoJSON."""

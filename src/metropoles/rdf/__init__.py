"""Mapping: typed records to RDF triples, one pure function per kind of resource (``mapping``),
with the curated facts (``facts``), the millésimes (``history``) and the outlines
(``geometry``). IRIs come from ``metropoles.iris``; no blank node is minted."""

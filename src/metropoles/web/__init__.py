"""The web layer: a thin, read-only layer over the loaded publication."""

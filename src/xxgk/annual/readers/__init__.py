"""Readers: one module per format, each returning a `Document` (see ../document.py)."""

"""`xxgk demo`: demonstration data for a development machine."""

"""The open API (/api/v1/) and the bulk open data (/data/): issue 15."""

from tests.catalog.sites import site  # noqa: F401  (the fixture)

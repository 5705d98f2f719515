from .test_letters import media, office  # noqa: F401  (fixtures shared by the letter tests)

"""Users, and later roles and agency membership."""

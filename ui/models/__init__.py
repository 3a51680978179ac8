"""Qt table models that adapt plain domain values; they never query and never apply a rule."""

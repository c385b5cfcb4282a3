"""validate: CI manifest validation (schemas, the API server's rules, positions, reports, simulation)."""

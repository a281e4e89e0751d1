"""Results over time as plain data."""

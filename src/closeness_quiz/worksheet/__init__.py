"""The paper worksheet as plain data, and its scoring key."""

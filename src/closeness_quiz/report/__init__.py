"""The report of one result as plain data: its view, its JSON, the change since last time, the ideas that fit."""

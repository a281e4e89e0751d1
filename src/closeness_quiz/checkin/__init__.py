"""The weekly check-in, plans and follow-ups, and the calendar file."""

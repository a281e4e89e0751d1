"""Two results side by side as plain data: the view, its banks, whose behaviour, starters, perception, wording, JSON."""

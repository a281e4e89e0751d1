"""Asking the questions: the loop (through an ask callable), the take session, the arrow-key and plain prompts."""

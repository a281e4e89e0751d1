"""Glue between CLI flags and the core: each module's run() raises UserError on bad input."""

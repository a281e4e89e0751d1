"""The content: answer scales, the question bank, guidance, their checks, and reading YAML."""

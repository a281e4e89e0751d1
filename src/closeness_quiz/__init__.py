"""closeness-quiz: a private questionnaire about emotional closeness in a relationship."""

__version__ = "0.1.0"

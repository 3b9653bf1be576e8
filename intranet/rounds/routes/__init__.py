"""The rounds' pages, one module per concern: periods, a round's page, answers, decisions,
vrienden."""

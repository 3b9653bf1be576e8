"""The projectleider's dashboard: every section fed by one small data function."""

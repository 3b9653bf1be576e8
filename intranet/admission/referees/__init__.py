"""Referees: their signed link, their answer, replacing one who does not answer."""

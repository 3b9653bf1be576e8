"""Professionals of partners and vrienden: their own accounts, networks and newsletters."""

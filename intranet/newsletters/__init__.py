"""Newsletters per werkveld: composed by the projectleider, sent through the outbox."""

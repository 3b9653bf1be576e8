"""Reminders to those who have not answered: projectgroep members before a vote's deadline
(automatically, and by the projectleider's hand), partners in a round (by hand)."""

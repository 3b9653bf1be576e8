"""Convenant periods, the regiegroep's decision on continuation, and the rounds over all
partners: signing the next convenant, and becoming vriend of LEF (issue 5).

Queries for other pages: `models.open_invitations_for(organisation)`,
`models.periods_of(organisation)`, `models.rounds_in_progress()`.
"""

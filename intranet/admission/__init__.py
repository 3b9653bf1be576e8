"""Workflow 1, toetreding: apply, references, the projectleider, the vote, the regiegroep.

`models.py` holds the data and `effects.py` what follows each step (both sit below the
workflow in `intranet/workflows/admission.py`); the pages and what they do are in the
sub-packages `apply/`, `referees/`, `votes/` and `decide/`.
"""

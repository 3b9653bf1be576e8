"""Workflow 1, toetreding: apply, references, the projectleider, the vote, the regiegroep.

The process itself, top to bottom, is `workflow.py` (with the vote's rule in `vote_rule.py`);
`models.py` holds the data, `effects.py` what follows each step and `announce.py` what a
decision says; the pages and what they do are in the sub-packages `apply/`, `referees/`,
`votes/` and `decide/`.
"""

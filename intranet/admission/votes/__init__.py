"""The projectgroep's vote: the vote list and page, casting a vote."""

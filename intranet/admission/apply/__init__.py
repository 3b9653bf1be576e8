"""The applicant's side: the multi-step form, drafts, the route rules and the case page."""

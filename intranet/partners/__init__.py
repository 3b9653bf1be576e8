"""Partners: the public directory, a partner's own page, its profile and contactpersonen."""

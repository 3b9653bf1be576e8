"""People and seats: the projectleider manages accounts and who sits in which group."""

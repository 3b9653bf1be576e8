"""Accounts: log in and out, reset and change passwords, confirm e-mail addresses."""

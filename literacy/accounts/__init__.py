"""Accounts: sign-up without email, login, guardian consent, settings, the learner's own data."""

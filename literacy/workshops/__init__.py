"""Offline workshops: planning, the public schedule, registration with a waiting list, check-in,
feedback, calendars and reminders."""

"""Learning: lessons marked done, quiz attempts, pre/post-tests, the dashboard, learning events."""

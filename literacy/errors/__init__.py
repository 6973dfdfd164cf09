"""Error pages in the visitor's language, never a stack trace."""

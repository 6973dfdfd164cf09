"""The home page, language choice and health check."""

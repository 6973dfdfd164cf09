"""Administration: users, roles and disabled accounts."""

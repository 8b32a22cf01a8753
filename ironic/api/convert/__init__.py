"""Object -> JSON conversion for API answers, one module per resource family."""

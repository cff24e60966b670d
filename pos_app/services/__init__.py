"""Use cases the UI and the CLI both call; each call is one unit of work."""

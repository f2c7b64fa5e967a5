"""SQLite storage. `db` is the light entry point every command uses."""

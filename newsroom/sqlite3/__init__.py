"""Django's SQLite backend, with its placeholder conversion remembered per statement (base.py)."""

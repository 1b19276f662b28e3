"""Django's SQLite backend, with its placeholder conversion remembered per statement and stored times made aware once each (base.py)."""

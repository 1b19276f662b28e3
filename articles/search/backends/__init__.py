"""
The database's own full-text index, one module per database: both are given
the same stemmed text and the same parsed query, so they find the same
articles.
"""

from django.db import connection

from . import postgres, sqlite

BACKENDS = {"postgresql": postgres, "sqlite": sqlite}


def backend():
    """The module for the database in use."""
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.") from None

"""
Django's SQLite backend, except that turning a statement's "%s"
placeholders into SQLite's "?" is done once per distinct statement instead
of on every execute.

Django converts with a regular expression (a look-behind for "%%s") over
the whole SQL text each time: 75 µs for the article page's own query of
3,500 characters, some 0.3 ms of an uncached article page's 3 ms. A site
runs the same few statements over and over (the reader pages' are compiled
once per process, articles/prepared_queries.py), so the converted text is
kept by the statement's text; the conversion itself is still Django's.
"""

import functools

from django.db.backends.sqlite3 import base

# Distinct statements a process runs often; a rare one (an admin search with
# an unusual IN list) only pushes out the least recently used.
STATEMENTS_KEPT = 1024


@functools.lru_cache(maxsize=STATEMENTS_KEPT)
def _qmark_style(query):
    return base.SQLiteCursorWrapper.convert_query(None, query)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)

"""
Django's SQLite backend, except that turning a statement's "%s"
placeholders into SQLite's "?" is done once per distinct statement instead
of on every execute, and a stored time is made aware once per distinct
value.

Django converts with a regular expression (a look-behind for "%%s") over
the whole SQL text each time: 75 µs for the article page's own query of
3,500 characters, some 0.3 ms of an uncached article page's 3 ms. A site
runs the same few statements over and over (the reader pages' are compiled
once per process, articles/prepared_queries.py), so the converted text is
kept by the statement's text; the conversion itself is still Django's.
"""

import datetime
import functools

from django.conf import settings
from django.db.backends.sqlite3 import base, operations
from django.utils.dateparse import parse_datetime

# Distinct statements a process runs often; a rare one (an admin search with
# an unusual IN list) only pushes out the least recently used.
STATEMENTS_KEPT = 1024
# Distinct stored times kept made aware: a few pages' worth of lists.
MOMENTS_KEPT = 8192


@functools.lru_cache(maxsize=STATEMENTS_KEPT)
def _qmark_style(query):
    return base.SQLiteCursorWrapper.convert_query(None, query)


@functools.lru_cache(maxsize=MOMENTS_KEPT)
def _aware(value, zone):
    return value.replace(tzinfo=zone)


@functools.lru_cache(maxsize=MOMENTS_KEPT)
def _parsed_datetime(stored):
    return parse_datetime(stored.decode())


# The sqlite3 module turns a "datetime" column's text into a datetime with
# the converter Django registers (its parse_datetime()); the same, remembered
# per stored text. The module's converters are process-wide, and this is the
# project's only SQLite backend.
base.Database.register_converter("datetime", _parsed_datetime)
base.Database.register_converter("timestamp", _parsed_datetime)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseOperations(operations.DatabaseOperations):
    def convert_datetimefield_value(self, value, expression, connection):
        # What Django does (the sqlite3 module has parsed the stored text
        # already), remembered: datetime.replace() with a keyword costs 0.6
        # µs, and a news index page makes 200 of the same times aware again.
        if type(value) is datetime.datetime and value.tzinfo is None and settings.USE_TZ:
            return _aware(value, self.connection.timezone)
        return super().convert_datetimefield_value(value, expression, connection)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)

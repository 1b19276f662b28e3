"""
Querysets whose SQL is compiled once per process, then run with new values.

Building and compiling a queryset costs more CPU than running it: the
article page's own query (sections, images, press records, two EXISTS)
took 1.9 ms to build and compile and a tenth of that to run on SQLite. The
reader pages ask the same few questions on every request with different
values (a slug, the current time), so `PreparedQuery` builds its queryset
once with stand-in values, compiles it, remembers where each stand-in went
among the SQL parameters, and from then on runs that SQL with the real
values, through Django's own iterator: the rows become model instances with
their select_related() objects and annotations exactly as before.

Only values that Django passes as SQL parameters unchanged (an equality on
a text or integer field, a comparison with a datetime) can be prepared;
preparing a queryset with any other use of a value (a LIKE pattern, a whole
list as one value, a LIMIT) fails at once instead of running the wrong SQL;
an IN list is prepared per length, one named value per element.
"""

import copy
import datetime
import threading

from django.db import connections, router


class PreparedQuery:
    """
    `build(**values)` returns a queryset of `model`; `fetch(**values)` returns its rows
    as a list (prefetch_related() included), compiling only the first time
    in each process and database. `kinds` names each value's type: str, int
    or datetime.datetime.
    """

    def __init__(self, model, build, **kinds):
        self.model = model
        self.build = build
        self.kinds = kinds
        self._prepared = {}
        self._lock = threading.Lock()

    def fetch(self, **values):
        alias = router.db_for_read(self.model)
        found = self._prepared.get(alias)
        if found is None:
            found = self._prepare(alias, values.keys())
        queryset, compiled = found
        connection = connections[queryset.db]
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            value = _adapt(connection, values[name])
            for position in positions:
                params[position] = value
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        # Which columns need converting (datetimes on SQLite, say) depends on
        # the columns and the connection alone: asked once per connection.
        converters = compiled.converters.get(connection)
        if converters is None:
            converters = compiled.converters[connection] = compiler.get_converters([column[0] for column in compiler.select[0 : compiler.col_count]])
        compiler.get_converters = lambda expressions: converters
        # Likewise whether a column is a composite key's (an isinstance() per column, ninety on the article's query).
        compiler.has_composite_fields = lambda expressions: compiled.composite
        queryset = queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def _prepare(self, alias, names):
        if set(names) != set(self.kinds):
            raise TypeError(f"PreparedQuery needs exactly {sorted(self.kinds)}, got {sorted(names)}")
        stand_ins = {name: _stand_in(kind, index) for index, (name, kind) in enumerate(self.kinds.items())}
        with self._lock:
            connection = connections[alias]
            queryset = self.build(**stand_ins).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = {}
            for name, value in stand_ins.items():
                adapted = _adapt(connection, value)
                slots[name] = [position for position, param in enumerate(params) if param == adapted]
                if not slots[name]:
                    raise ValueError(f"{name!r} is not a plain SQL parameter of this query, so it cannot be prepared.")
                if str(value) in sql:
                    raise ValueError(f"{name!r} was written into the SQL itself, so it cannot be prepared.")
            # A value the builder takes for itself (timezone.now() inside a
            # filter) would be frozen into every later run: build again, and
            # refuse if anything besides the named values came out different.
            again_sql, again_params = self.build(**stand_ins).using(alias).query.get_compiler(using=alias).as_sql()
            if again_sql != sql or list(again_params) != list(params):
                raise ValueError("This query changes from one build to the next (a value not passed in?), so it cannot be prepared.")
            self._prepared[alias] = (queryset, _Compiled(compiler, sql, tuple(params), slots))
            return self._prepared[alias]


class _Compiled:
    def __init__(self, compiler, sql, params, slots):
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.slots = slots
        self.composite = compiler.has_composite_fields([column[0] for column in compiler.select[0 : compiler.col_count]])
        # By connection: each thread has its own, and converters may be its methods.
        self.converters = {}


def _stand_in(kind, index):
    """A value no real request would pass, different for each slot of a query."""
    if kind is str:
        return f"prepared-query-stand-in-{index}"
    if kind is int:
        return 900_000_000_017 + index
    if kind is datetime.datetime:
        return datetime.datetime(1901, 2, 3, 4, 5, 6, 700_001 + index, tzinfo=datetime.UTC)
    raise TypeError(f"PreparedQuery cannot prepare values of type {kind!r}")


def _adapt(connection, value):
    """The value as the compiler would have put it among the parameters."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value

"""Fast inserts of plain rows, for bulk loads that ``bulk_create`` makes slow.

``bulk_create`` prepares every value of every object in Python: about a minute for
200,000 meetings on SQLite. These helpers insert tuples with ``executemany``
(SQLite, in process) or ``COPY`` (PostgreSQL), with ids handed out by the caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

PREPARED_TYPES = frozenset(
    {"UUIDField", "TimeField", "DateField", "DateTimeField", "JSONField"}
)

Row = tuple[Any, ...]


def max_id(model: type[models.Model]) -> int:
    return model._default_manager.aggregate(top=Max("pk"))["top"] or 0


def lock_for_id_reservation(tables: list[type[models.Model]]) -> None:
    """Keep other writers out while ids are handed out from ``max(id) + 1``.

    SQLite already holds the database write lock (settings: IMMEDIATE
    transactions); PostgreSQL needs the tables locked against inserts.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(
                f"LOCK TABLE {connection.ops.quote_name(model._meta.db_table)} "
                "IN SHARE ROW EXCLUSIVE MODE"
            )


# Columns the generator fills, in the order of its tuples; the rest take defaults.


class RowWriter:
    """Inserts plain tuples into a model's table, many rows per round trip.

    The columns not given take the field's default (auto_now fields take ``now``),
    prepared once, so a field added to the model later with a default needs no
    change here; a required field without one makes this fail loudly. SQLite runs
    in process, so ``executemany`` is fastest there; PostgreSQL gets ``COPY``,
    since its driver would otherwise quote every value in Python or wait for a
    round trip per row.
    """

    def __init__(
        self, model: type[models.Model], columns: tuple[str, ...], now: dt.datetime
    ) -> None:
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ImproperlyConfigured(f"{model.__name__} has no column {unknown}.")
        self.converters = [
            (index, fields[name])
            for index, name in enumerate(columns)
            if fields[name].get_internal_type() in PREPARED_TYPES
        ]
        # Times, dates and JSON repeat across rows: each distinct value is
        # prepared once (a new uuid never repeats, so those are not kept).
        self.prepared: dict[int, dict[Any, Any]] = {
            index: {} for index, _ in self.converters
        }
        constant_names: list[str] = []
        constants: list[Any] = []
        for name, field in fields.items():
            if name in columns or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(
                field, "auto_now_add", False
            ):
                value: Any = now
            else:
                value = field.get_default()
            if value is None and not field.null:
                raise ImproperlyConfigured(f"{model.__name__}.{name} needs a value.")
            constant_names.append(name)
            constants.append(field.get_db_prep_save(value, connection))
        self.constants = tuple(constants)
        names = ", ".join(
            connection.ops.quote_name(fields[name].column)
            for name in (*columns, *constant_names)
        )
        table = connection.ops.quote_name(model._meta.db_table)
        # Table and column names come from the model, quoted; values are params.
        self.copy_sql = f"COPY {table} ({names}) FROM STDIN"
        self.insert_sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            table, names, ", ".join(["%s"] * (len(columns) + len(constant_names)))
        )

    def insert(self, rows: list[Row]) -> None:
        if not rows:
            return
        if self.converters:
            rows = [self._convert(row) for row in rows]
        constants = self.constants
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row + constants)
            else:
                cursor.executemany(self.insert_sql, [row + constants for row in rows])

    def _convert(self, row: Row) -> Row:
        values = list(row)
        for index, field in self.converters:
            value = values[index]
            try:
                values[index] = self.prepared[index][value]
            except KeyError:
                prepared = field.get_db_prep_save(value, connection)
                if field.get_internal_type() != "UUIDField":
                    self.prepared[index][value] = prepared
                values[index] = prepared
            except TypeError:  # unhashable (a JSON list or dict): not memoised
                values[index] = field.get_db_prep_save(value, connection)
        return tuple(values)


def reset_sequences(tables: list[type[models.Model]]) -> None:
    """Move id sequences past ids handed out by hand (PostgreSQL; no-op on SQLite)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(sql)

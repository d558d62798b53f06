"""The shared cache's database backend (used when REDIS_URL is not set), with add() and incr() atomic.

Django's DatabaseCache reads an entry's row and then writes it. Two workers adding over an expired
entry could both succeed, and two incrementing one count could lose an increment: 61 parallel API
requests through 5 gunicorn workers all passed a limit of 60 (tools/abuse.py). Here both run in a
transaction that holds the entry's row first: SELECT ... FOR UPDATE where the database has it
(PostgreSQL); on SQLite the transaction's BEGIN IMMEDIATE (settings) lets one writer in at a time.
"""
from contextlib import contextmanager

from django.core.cache.backends import db
from django.db import connections, router, transaction


class DatabaseCache(db.DatabaseCache):
    @contextmanager
    def row_held(self, key, version):
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        with transaction.atomic(using=alias):
            if connection.features.has_select_for_update:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {connection.ops.quote_name(self._table)} WHERE cache_key = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            yield

    def add(self, key, value, timeout=db.DEFAULT_TIMEOUT, version=None):
        with self.row_held(key, version):
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self.row_held(key, version):
            return super().incr(key, delta, version)

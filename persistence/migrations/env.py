"""Alembic environment: runs on the connection the app passes in; no alembic.ini is needed."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import persistence.tables  # noqa: F401  (registers every table on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _run(connection) -> None:
    # Batch mode: SQLite cannot ALTER most things, so changes copy the table (STYLE).
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    # A developer's `alembic` call with sqlalchemy.url set on the Config.
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("Set sqlalchemy.url on the Alembic Config (or pass a connection).")
    with create_engine(url).connect() as own_connection:
        _run(own_connection)
        own_connection.commit()

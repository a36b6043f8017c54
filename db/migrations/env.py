"""Alembic environment: always run with a connection handed in by db.engine.migrate."""
from typing import Any

from alembic import context

from db.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from db.engine import database_url, make_engine

    connection = make_engine(database_url()).connect()



def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # The full-text index is db/fts.py's business, not the models'.
    return not (type_ == "table" and name and name.startswith("statements_fts"))


context.configure(
    connection=connection,
    target_metadata=target_metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
)
with context.begin_transaction():
    context.run_migrations()

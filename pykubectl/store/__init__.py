"""store: the object store (SQLite by default, any SQLAlchemy URL otherwise) with transactions and events."""

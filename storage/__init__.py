"""Storage: SQLModel tables, engine and session factories, queries, Alembic migrations."""

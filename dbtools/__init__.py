"""Database helpers the apps share, below every app (see the layers in pyproject.toml)."""

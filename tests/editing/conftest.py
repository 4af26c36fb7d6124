"""The editing services use the admin tests' editor and small taxonomy."""

from tests.admin.conftest import editor, taxonomy  # noqa: F401  (fixtures)

"""The API's answers to parameters it cannot use: a 400 naming each refused parameter, a 404 for
an address that names nothing readers may see. Never a 500.

The reader pages clean their parameters with ``documents.forms.ArchiveFilterForm`` and ignore
what they refuse (the page says so); the API cleans them with the same form and refuses the
request instead, since a program would not read the note::

    400 {"detail": "Some parameters cannot be used.", "errors": {"era": "no era “x”"}}
"""

from __future__ import annotations

import re

from rest_framework import status
from rest_framework.exceptions import APIException, NotFound

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


class BadParameters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_parameters"

    def __init__(self, errors: dict[str, str]):
        super().__init__({"detail": "Some parameters cannot be used.", "errors": errors})


def refuse(problems: list[tuple[str, str]]) -> None:
    """Raise ``BadParameters`` for a form's ``problems`` ((name, reason) pairs), if any."""
    if problems:
        raise BadParameters({name: reason for name, reason in problems})


def is_slug(value: str) -> bool:
    """Whether a row could have this slug (not too long, no NUL, only a slug's characters)."""
    return SLUG.fullmatch(value) is not None


def slug_or_404(value: str, *, what: str) -> str:
    """A slug from the address, or a 404 before any query for one no row can have."""
    if not is_slug(value):
        raise NotFound(f"No such {what}.")
    return value

"""Read a form out of a rendered page the way a browser would submit it.

Tests post exactly what the admin's own page offers (every field, the inline management
forms, the selected options), changed only where the test says so.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str | None, value: str) -> None:
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = True
            return
        if not self.in_form:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select is not None:
            self._option = attrs
            self._text = []
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._text = []

    def handle_data(self, data):
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option" and self._option is not None:
            if "selected" in self._option:
                value = self._option.get("value", "".join(self._text).strip())
                self._add(self._select, value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(response, form_id: str | None = None) -> dict[str, list[str] | str]:
    """The data a browser would post from the page's form (the first, or the one with ``form_id``)."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return {name: values[0] if len(values) == 1 else values for name, values in parser.data.items()}

"""Read an admin change form the way a browser would, so tests can post it back."""

from html.parser import HTMLParser

from django.urls import reverse


class _FormFields(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._text = []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None


def change_form_data(client, article) -> dict:
    """The article's change form as a browser would submit it, unchanged."""
    return article_form_data(
        client, reverse("admin:articles_article_change", args=[article.pk])
    )


def article_form_data(client, url: str) -> dict:
    """The article form at `url` (change or add) as a browser would submit it, unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    return form_data_of(response)


def form_data_of(response) -> dict:
    """The article form on a rendered change page, as a browser would submit it."""
    parser = _FormFields("article_form")
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.fields:
        if name in data:
            existing = data[name]
            data[name] = (
                [*existing, value] if isinstance(existing, list) else [existing, value]
            )
        else:
            data[name] = value
    # Django's admin refuses a form whose template prefixes are posted as real forms.
    return {k: v for k, v in data.items() if "__prefix__" not in k}


def post_change_form(client, article, data, **extra):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, {**data, **extra})

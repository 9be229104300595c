"""Helpers for tests that drive the article change form: its URLs and the POST body it would send."""

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def form_data(response) -> dict:
    """The POST body the change form would send as rendered: main form, inlines, management forms."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
                continue
            data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def headline_after_post(client, article, headline="Changed by a direct POST"):
    """POST the article's change form with a new headline; return the response."""
    editor_view = client.get(change_url(article))
    if editor_view.status_code != 200:
        data = {"headline": headline, "dek": "x", "section": article.section_id}
    else:
        data = form_data(editor_view)
        data["headline"] = headline
    return client.post(change_url(article), data)

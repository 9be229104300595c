import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_describes_every_operation(client):
    """The schema lists the content and ninjs operations, with the key as optional."""
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sections",
        "/api/v1/authors",
        "/api/v1/tags",
        "/api/v1/lookup",
        "/api/v1/ninjs/articles",
        "/api/v1/ninjs/articles/{article_id}",
    } <= set(schema["paths"])
    security = schema["paths"]["/api/v1/articles"]["get"]["security"]
    assert {} in security
    assert schema["components"]["securitySchemes"]["PartnerKeyAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }


def test_docs_page_loads_only_local_scripts(client):
    """The browsable docs use the copies of Swagger UI served with the site, no CDN and
    no inline script, so a strict Content-Security-Policy lets them run."""
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources and all(src.startswith("/static/ninja/") for src in sources)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attrs for attrs in inline)
    # The site's policy applies here too (the browser test runs the page under it).
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_unknown_api_addresses_are_json_errors(client):
    """A wrong id type is a JSON 400; a missing story a JSON 404."""
    assert client.get("/api/v1/articles/abc").status_code == 400
    response = client.get("/api/v1/articles/999999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")

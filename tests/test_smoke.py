import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_the_database_does(client):
    """The health check answers 200 'ok'."""
    response = client.get(reverse("articles:healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"

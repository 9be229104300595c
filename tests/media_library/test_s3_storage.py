"""Photos and renditions in an S3-compatible bucket, through django-storages.

moto's server mode stands in for the real service: a local process speaking the S3 API
over HTTP, so the same client code runs as against AWS, MinIO or R2.
"""

import socket
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest

from media_library.renditions import ensure_renditions
from tests.factories import make_article, make_photo

pytestmark = pytest.mark.django_db
BUCKET = "newsroom-media"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(timeout=15)


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": "public-read",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_photos_and_renditions_live_in_the_bucket(bucket, client, s3_endpoint):
    photo = make_photo()
    ensure_renditions(photo)
    photo.refresh_from_db()
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert photo.image.name in keys
    assert any(key.startswith(f"renditions/{photo.pk}/") for key in keys)

    article = make_article(hero=photo)
    html = client.get(article.get_absolute_url()).content.decode()
    crop = photo.crop("16:9")
    assert crop.url.startswith(f"{s3_endpoint}/{BUCKET}/renditions/")
    assert crop.url in html
    with urllib.request.urlopen(crop.url, timeout=10) as response:
        assert response.read(3) == b"\xff\xd8\xff"  # a JPEG, served by the bucket

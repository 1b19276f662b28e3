"""
Pictures on S3-compatible object storage, by configuration alone: the
settings that MEDIA_STORAGE=s3 produces (read from a fresh process, as a
server would start) drive django-storages' S3 backend against moto's S3
server, started here on a local port (S3_TEST_PORT, else a free one). An
upload through the image library stores the re-encoded original and every
rendition in the bucket and nothing on local disk; the reader's page points
at the bucket, with the bucket's origin in the CSP; deleting the picture
empties the bucket after the commit.
"""

import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.media.synthetic import photo_bytes
from articles.models import Article, Image
from tests.factories import make_article
from tests.html_page import Page

pytestmark = pytest.mark.slow

BUCKET = "newsroom-media"
REGION = "us-east-1"
ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def boto3():
    # Imported here, not at the top: collecting this module for `make test`
    # (which deselects it) would otherwise load boto3 and moto, ~0.4 s a process.
    module = pytest.importorskip("boto3", reason="the S3 test needs the dev extras (django-storages[s3], moto[server])")
    pytest.importorskip("moto.server")
    pytest.importorskip("storages.backends.s3")
    return module


@pytest.fixture(scope="module")
def s3_endpoint(boto3):
    port = int(os.environ.get("S3_TEST_PORT") or free_port())
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto's S3 server did not start on port {port}") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_settings(boto3, s3_endpoint, settings, tmp_path, monkeypatch):
    """The storage, MEDIA_URL and CSP newsroom/settings.py makes of MEDIA_STORAGE=s3, applied to this process."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "test",
        "MEDIA_STORAGE": "s3",
        "MEDIA_BUCKET": BUCKET,
        "MEDIA_REGION": REGION,
        "MEDIA_ENDPOINT_URL": s3_endpoint,
        "MEDIA_URL": f"{s3_endpoint}/{BUCKET}/",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'storage': s.STORAGES['default'], 'media_url': s.MEDIA_URL, 'csp': s.SECURE_CSP}))"
    )
    configured = json.loads(subprocess.run([sys.executable, "-c", script], env=environment, cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    assert configured["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": configured["storage"]}
    settings.MEDIA_URL = configured["media_url"]
    settings.SECURE_CSP = configured["csp"]
    settings.MEDIA_ROOT = tmp_path / "local"  # must stay empty
    bucket = boto3.resource("s3", endpoint_url=s3_endpoint, region_name=REGION).Bucket(BUCKET)
    bucket.create()
    # Pictures are public, as README's setup has them: readers fetch them unsigned.
    public_read = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}]}
    bucket.Policy().put(Policy=json.dumps(public_read))
    yield bucket
    bucket.objects.all().delete()
    bucket.delete()


def keys(bucket):
    return {item.key for item in bucket.objects.all()}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def test_pictures_live_in_the_bucket_from_upload_to_reader_to_deletion(client, editor, settings, s3_settings, s3_endpoint, django_capture_on_commit_callbacks):
    bucket = s3_settings
    client.force_login(editor)
    upload = SimpleUploadedFile("IMG_0042.JPG", photo_bytes(1800, 1200, quality=90), content_type="image/jpeg")
    response = client.post(reverse("admin:articles_image_add"), {"file": upload, "alt_text": "Perahu nelayan", "caption": "", "credit": "Antara"})
    assert response.status_code == 302
    image = Image.objects.get()

    renditions = {name for source in image.renditions["sources"] for name in (source["webp"], source["jpeg"])}
    assert [source["width"] for source in image.renditions["sources"]] == [160, 320, 480, 640, 960, 1280, 1600]
    assert keys(bucket) == {image.file.name, image.renditions["social"]["name"], *renditions}
    local = Path(settings.MEDIA_ROOT)
    assert not local.exists() or not any(local.rglob("*"))
    for source in image.renditions["sources"]:
        kind, data = fetch(image.file.storage.url(source["webp"]))
        assert kind == "image/webp"
        with PILImage.open(io.BytesIO(data)) as stored:
            assert (stored.format, stored.width) == ("WEBP", source["width"])

    body = f'<p>Di muara.</p><figure data-block="picture" data-image="{image.pk}"><img src="{image.file.url}" alt="Perahu nelayan"></figure>'
    article = make_article(lead_image=image, body=body)
    assert f'src="{image.file.url}"' in Article.objects.get(pk=article.pk).body  # the bucket counts as our own media
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    origin = f"{s3_endpoint}/{BUCKET}/"
    urls = []
    for img in Page(page.content.decode()).find_all("img"):
        if img["src"].startswith(settings.STATIC_URL):
            continue  # the site's logo
        urls += [candidate.split()[0] for candidate in img.get("srcset", "").split(",") if candidate.strip()]
        urls.append(img["src"])
    assert len(urls) > 10 and all(url.startswith(origin) for url in urls), urls
    assert {url.removeprefix(origin) for url in urls} <= keys(bucket)
    assert s3_endpoint in page.headers["Content-Security-Policy"].split("img-src", 1)[1].split(";", 1)[0]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.exists()
    assert keys(bucket) == set()

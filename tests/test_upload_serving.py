"""
Uploaded files are never served as HTML or SVG: pictures are re-encoded
under their real format's extension whatever they were called, and the
media view (DEBUG only; production follows the README's web-server
settings) sends anything that is not a raster image as an attachment,
always with nosniff and a sandboxing Content-Security-Policy.
"""

import pytest
from django.test import RequestFactory

from newsroom.media import serve_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["gambar.html", "gambar.svg", "gambar.png.html", "gambar.xhtml", "gambar"])
def test_a_picture_named_like_a_page_is_stored_as_a_picture(tmp_path, settings, name):
    settings.MEDIA_ROOT = tmp_path
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from articles.media.store import store_upload
    from articles.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), (200, 10, 10)).save(buffer, format="PNG")
    buffer.write(b"<html><script>alert(1)</script></html>")
    stored = store_upload(Image(alt_text="Uji"), SimpleUploadedFile(name, buffer.getvalue(), content_type="text/html"))
    assert stored.file.name.endswith(".png"), stored.file.name
    assert b"<script>" not in stored.file.read()


@pytest.mark.parametrize("name, body, served_as", [
    ("foto.png", b"\x89PNG\r\n\x1a\n", "image/png"),
    ("halaman.html", b"<script>alert(1)</script>", "application/octet-stream"),
    ("gambar.svg", b"<svg onload=alert(1)></svg>", "application/octet-stream"),
    ("catatan.txt", b"<script>alert(1)</script>", "application/octet-stream"),
    ("tanpa-akhiran", b"<script>alert(1)</script>", "application/octet-stream"),
])
def test_media_view_never_renders_an_upload_as_a_page(tmp_path, name, body, served_as):
    (tmp_path / name).write_bytes(body)
    response = serve_upload(RequestFactory().get(f"/media/{name}"), name, document_root=tmp_path)
    assert response.headers["Content-Type"] == served_as
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    if served_as == "application/octet-stream":
        assert response.headers["Content-Disposition"] == "attachment"

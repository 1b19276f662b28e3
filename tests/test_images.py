"""Uploads are accepted only as real JPEG, PNG, WebP or GIF within the size limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image


def picture(kind="PNG", size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, color=0).save(buffer, format=kind)
    return buffer.getvalue()


def upload(client, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("admin:articles_image_add"),
        {"file": SimpleUploadedFile(name, content, content_type=content_type), "alt_text": "Suasana banjir", "caption": "", "credit": ""},
    )


@pytest.mark.parametrize("kind, ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")])
def test_real_images_are_accepted(client, editor, settings, tmp_path, kind, ext):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = upload(client, f"foto.{ext}", picture(kind))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 30)
    assert image.created_by == editor


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("foto.jpg", b"this is not a picture at all"),
        ("foto.png", picture("PNG")[:60]),  # truncated: header without pixels
        ("foto.bmp", picture("BMP")),
    ],
)
def test_non_images_and_other_formats_get_a_form_error(client, editor, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = upload(client, name, content)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_files_over_10_mb_are_refused(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    big = picture("PNG") + b"\0" * (10 * 1024 * 1024)
    response = upload(client, "besar.png", big)
    assert response.status_code == 200
    assert "10 MB" in str(response.context["adminform"].form.errors["file"])


def test_images_over_50_megapixels_are_refused_before_decoding(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    huge = picture("PNG", size=(8000, 6300), mode="1")  # 50.4 megapixels, tiny file
    response = upload(client, "lebar.png", huge)
    assert response.status_code == 200
    assert "50" in str(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()


def test_alt_text_is_required(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    response = client.post(reverse("admin:articles_image_add"), {"file": SimpleUploadedFile("a.png", picture()), "alt_text": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"]

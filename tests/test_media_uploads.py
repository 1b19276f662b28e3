"""
Uploads through the image library: what is stored is re-encoded pixels under
the real format's extension, with renditions; hostile files are refused with
an Indonesian message or stored correctly, never half-stored, never a 500.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage

from articles.media.renditions import SOCIAL_SIZE, WIDTHS
from articles.media.synthetic import photo, photo_bytes
from articles.models import Image

GPS_TAG = 0x8825
ORIENTATION_TAG = 0x0112


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, name, content, **fields):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream"), "alt_text": "Suasana banjir", "caption": "", "credit": ""}
    data.update(fields)
    return client.post(reverse("admin:articles_image_add"), data)


def encoded(image, kind, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def camera_jpeg(size=(800, 600)):
    """A JPEG as a phone writes it: GPS position, serial number, rotated by EXIF."""
    exif = PILImage.Exif()
    exif[ORIENTATION_TAG] = 6  # the camera was held upright: turn 90° clockwise
    exif[0xA431] = "SN-0042-RAHASIA"  # BodySerialNumber
    exif.get_ifd(GPS_TAG).update({1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 5.0)})
    return photo_bytes(*size, exif=exif.tobytes())


def stored_bytes(media):
    return {path.relative_to(media).as_posix(): path.read_bytes() for path in media.rglob("*") if path.is_file()}


def test_a_camera_photo_is_turned_upright_stripped_and_rendered(client, editor, media):
    client.force_login(editor)
    response = upload(client, "IMG_2041.JPG", camera_jpeg())
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (600, 800)  # turned by its orientation
    assert image.file.name.endswith(".jpg")
    with PILImage.open(image.file.path) as stored:
        assert stored.size == (600, 800)
        assert not stored.getexif()
        assert "exif" not in stored.info and "icc_profile" not in stored.info
    everything = b"".join(stored_bytes(media).values())
    assert b"SN-0042-RAHASIA" not in everything
    widths = [source["width"] for source in image.renditions["sources"]]
    assert widths == [w for w in WIDTHS if w < 600] + [600]
    for source in image.renditions["sources"]:
        with PILImage.open(media / source["webp"]) as webp, PILImage.open(media / source["jpeg"]) as jpeg:
            assert (webp.format, jpeg.format) == ("WEBP", "JPEG")
            assert webp.size == jpeg.size == (source["width"], source["height"])
    with PILImage.open(media / image.renditions["social"]["name"]) as social:
        assert social.size[0] * SOCIAL_SIZE[1] == social.size[1] * SOCIAL_SIZE[0] or abs(social.size[0] / social.size[1] - 1200 / 630) < 0.01


@pytest.mark.parametrize("name", ["foto.pdf", "foto.eps", "foto.ps", "foto.xbm", "foto.html"])
def test_the_stored_file_takes_the_extension_of_its_real_format(client, editor, media, name):
    client.force_login(editor)
    assert upload(client, name, encoded(photo(300, 200), "PNG")).status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(".png")
    assert not any(path.suffix in (".pdf", ".eps", ".ps", ".xbm", ".html") for path in media.rglob("*"))


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "ZIP-PAYLOAD")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "tail",
    [
        b"<html><script>alert('POLYGLOT')</script></html>",
        zip_bytes(),
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj POLYGLOT-PDF\n%%EOF",
    ],
    ids=["html", "zip", "pdf"],
)
def test_polyglots_keep_their_picture_and_lose_everything_else(client, editor, media, tail):
    client.force_login(editor)
    assert upload(client, "foto.jpg", encoded(photo(320, 240), "JPEG", quality=85) + tail).status_code == 302
    everything = b"".join(stored_bytes(media).values())
    for marker in (b"POLYGLOT", b"ZIP-PAYLOAD", b"<html", b"%PDF", b"PK\x03\x04"):
        assert marker not in everything


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side=30000):
    """
    `side` × `side` one-bit black pixels: half a megabyte of file, 900
    megapixels decoded. Written by hand, a thousand rows per compressor
    call: Pillow would first build the 112 MB picture (1.5 s).
    """
    row = b"\x00" + bytes(side // 8)  # filter type 0, then the row's bits
    packer = zlib.compressobj(1)
    rows = b"".join(packer.compress(row * 1000) for _ in range(side // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # one-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("kosong.jpg", b"", "kosong"),
        ("catatan.jpg", b"Ini bukan gambar, hanya teks biasa.", "bukan gambar"),
        ("bom.png", None, "50 megapiksel"),
        ("gambar.bmp", encoded(PILImage.new("RGB", (20, 20)), "BMP"), "tidak diterima"),
        ("potong.png", encoded(photo(200, 150), "PNG")[:300], "bukan gambar"),
    ],
    ids=["zero-bytes", "text", "decompression-bomb", "bmp", "truncated"],
)
def test_hostile_files_are_refused_in_indonesian_and_nothing_is_stored(client, editor, media, name, content, message):
    client.force_login(editor)
    response = upload(client, name, bomb_png() if content is None else content)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["file"])
    assert message in errors.lower()
    assert not Image.objects.exists()
    assert not stored_bytes(media)


def test_an_animated_gif_of_500_frames_is_stored_as_its_first_frame(client, editor, media):
    frames = [PILImage.new("P", (64, 48), color=i % 256) for i in range(500)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=20, loop=0)
    client.force_login(editor)
    assert upload(client, "animasi.gif", buffer.getvalue()).status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert stored.format == "GIF"
        assert getattr(stored, "n_frames", 1) == 1


def test_a_cmyk_jpeg_is_stored_as_rgb_with_its_colours(client, editor, media):
    red = PILImage.new("RGB", (200, 100), (220, 20, 20)).convert("CMYK")
    client.force_login(editor)
    assert upload(client, "cetak.jpg", encoded(red, "JPEG", quality=95)).status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert stored.mode == "RGB"
        r, g, b = stored.convert("RGB").getpixel((100, 50))
        assert r > 180 and g < 80 and b < 80


def rgb48_png(colour, size=(100, 50)):
    """A 16-bit-per-channel colour PNG, written chunk by chunk (Pillow cannot save one)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = size
    row = b"\0" + struct.pack(">HHH", *colour) * width
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("mode", ["I;16", "RGB16"])
def test_16_bit_pngs_keep_their_tones(client, editor, media, mode):
    if mode == "I;16":
        source = PILImage.new("I", (100, 50), 0)
        source.paste(PILImage.new("I", (50, 50), 20000), (0, 0))  # a dark grey on the left, black on the right
        content = encoded(source.convert("I;16"), "PNG")
    else:
        content = rgb48_png((120 * 257, 60 * 257, 30 * 257))
    client.force_login(editor)
    assert upload(client, "scan.png", content).status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert stored.mode in ("L", "RGB", "RGBA")
        left = stored.convert("L").getpixel((10, 10))
        if mode == "I;16":
            assert 60 < left < 90  # 20000 of 65535: about 78 of 255, not clipped to white
        else:
            assert stored.convert("RGB").getpixel((10, 10)) == pytest.approx((120, 60, 30), abs=3)


def test_rebuild_renditions_makes_them_again_from_the_original(client, editor, media, capsys):
    client.force_login(editor)
    upload(client, "foto.jpg", encoded(photo(700, 500), "JPEG"))
    image = Image.objects.get()
    for source in image.renditions["sources"]:
        (media / source["webp"]).unlink()
    Image.objects.filter(pk=image.pk).update(renditions={})
    call_command("rebuild_renditions")
    image.refresh_from_db()
    assert image.renditions["sources"]
    assert all((media / source["webp"]).exists() for source in image.renditions["sources"])
    assert "1 images rebuilt, 0 failed" in capsys.readouterr().out


def test_moving_the_focal_point_recrops_the_social_image(client, editor, media):
    client.force_login(editor)
    # Left half black, right half white, wide: the crop follows the focal point.
    wide = PILImage.new("RGB", (2000, 500), "black")
    wide.paste((255, 255, 255), (1000, 0, 2000, 500))
    upload(client, "pantai.png", encoded(wide, "PNG"))
    image = Image.objects.get()
    url = reverse("admin:articles_image_change", args=[image.pk])
    form = {"alt_text": image.alt_text, "caption": "", "credit": "", "focal_x": "0.95", "focal_y": "0.5"}
    assert client.post(url, form).status_code == 302
    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.95)
    with PILImage.open(media / image.renditions["social"]["name"]) as social:
        assert social.convert("L").getpixel((social.width // 2, social.height // 2)) > 200



def test_every_image_field_label_and_help_text_is_in_indonesian():
    from django.utils import translation

    fields = [field for field in Image._meta.get_fields() if not field.auto_created]
    texts = [text for field in fields for text in (field.verbose_name, field.help_text) if text]
    with translation.override(None):
        english = [str(text) for text in texts]
    with translation.override("id"):
        untranslated = [source for text, source in zip(texts, english) if str(text) == source]
    assert untranslated == []

"""
Deleting pictures in the image library, one or several at once: their
original and renditions leave the (file-system) storage once the deletion
commits, not before and not on a rollback, and a file another row still
holds stays.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from articles.media import store
from articles.models import Article, Image
from tests.factories import make_article, make_photo


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files(media):
    return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}


def held_by(image):
    return store.stored_names(image)


def test_deleting_one_picture_removes_its_files_after_the_commit(client, editor, media, django_capture_on_commit_callbacks):
    kept, doomed = make_photo(size=(700, 500)), make_photo(size=(700, 500), seed=1)
    assert len(held_by(doomed)) > 5 and held_by(doomed) <= files(media)
    client.force_login(editor)
    url = reverse("admin:articles_image_delete", args=[doomed.pk])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, {"post": "yes"})
        assert response.status_code == 302
        # Not before the commit: a rolled-back deletion keeps its files.
        assert held_by(doomed) <= files(media)
    for callback in callbacks:
        callback()
    assert not Image.objects.filter(pk=doomed.pk).exists()
    assert files(media) == held_by(kept)


def test_deleting_several_pictures_at_once_removes_all_their_files(client, editor, media, django_capture_on_commit_callbacks):
    first, second, kept = (make_photo(size=(500, 400), seed=n) for n in range(3))
    article = make_article(lead_image=first)
    client.force_login(editor)
    data = {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_image_changelist"), data)
    assert response.status_code == 302
    assert list(Image.objects.all()) == [kept]
    assert files(media) == held_by(kept)
    assert Article.objects.get(pk=article.pk).lead_image is None


def test_a_file_another_picture_holds_stays(db, media, django_capture_on_commit_callbacks):
    original = make_photo(size=(500, 400))
    # A second row over the same stored original, as an import can make.
    twin = Image.objects.create(file=original.file.name, alt_text="Salinan", width=original.width, height=original.height)
    with django_capture_on_commit_callbacks(execute=True):
        store.delete_images([original])
    assert files(media) == {twin.file.name}


def test_a_rolled_back_deletion_keeps_every_file(db, media, django_capture_on_commit_callbacks):
    image = make_photo(size=(500, 400))
    before = files(media)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        store.delete_images([image])
        raise RuntimeError("the request failed after the deletion")
    assert Image.objects.filter(pk=image.pk).exists()
    assert files(media) == before

"""Every model of ours says what its changes do to cached pages (articles/pagecache/invalidation.py)."""

from django.apps import apps

from articles.pagecache.invalidation import IGNORED, WATCHED


def test_every_model_is_watched_or_ignored():
    ours = {
        model._meta.label_lower
        for model in apps.get_models(include_auto_created=False)
        if model._meta.app_config.name.split(".")[0] == "articles"
    }
    forgotten = ours - set(WATCHED) - IGNORED
    assert not forgotten, f"Add these to WATCHED or IGNORED in articles/pagecache/invalidation.py: {sorted(forgotten)}"

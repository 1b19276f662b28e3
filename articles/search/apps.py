from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "articles.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A deleted tag or person leaves its name in the documents of its
        # articles. Signals, because QuerySet.delete() (the admin's bulk
        # delete) calls no model method; Django sends them inside the
        # deletion's transaction. Renames are handled in Tag.save() and
        # Person.save().
        from django.db.models.signals import post_delete, pre_delete

        from ..models import Person, Tag
        from .index import reindex_named_articles, remember_named_articles

        for model in (Tag, Person):
            pre_delete.connect(remember_named_articles, sender=model, dispatch_uid=f"search.remember.{model.__name__}")
            post_delete.connect(reindex_named_articles, sender=model, dispatch_uid=f"search.reindex.{model.__name__}")

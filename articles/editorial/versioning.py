"""
Version-checked writes. Every article row carries a version number; a save
states the version it was based on, and the database itself decides:

    UPDATE articles_article SET version = base + 1 WHERE id = … AND version = base

Zero rows means someone else saved (or deleted the article) since: the save
is refused with StaleArticle. One row means this transaction now holds the
row (PostgreSQL's row lock, SQLite's write lock) until it commits, so the
save that follows cannot be overtaken. No read-then-write window.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.dates import clock_time, short_date


def stored_article(pk):
    from articles.models import Article

    return Article.objects.select_related("updated_by").filter(pk=pk).first()


def saved_by_line(article):
    """“Hendra (Editor) menyimpan perubahan pukul 10:42” for the stored `article`."""
    from articles.audit.log import actor_label

    who = actor_label(article.updated_by) or _("the import or a script")
    when = timezone.localtime(article.updated_at)
    same_day = when.date() == timezone.localdate()
    moment = clock_time(when) if same_day else short_date(when)
    return _("%(who)s saved changes at %(time)s") % {"who": who, "time": moment}


class StaleArticle(ValidationError):
    """The article changed (or was deleted) after the version a save was based on."""

    def __init__(self, pk, base_version):
        self.pk = pk
        self.base_version = base_version
        self.current = stored_article(pk)
        if self.current is None:
            message = _("This article was deleted after you opened it.")
        else:
            message = _("This article was changed after you opened it: %(line)s (version %(new)d, yours was %(old)d).") % {
                "line": saved_by_line(self.current),
                "new": self.current.version,
                "old": base_version,
            }
        super().__init__(message, code="stale")


def claim_version(article, base_version):
    """
    Inside the save's transaction: move the stored article from
    `base_version` to the next version, or raise StaleArticle.
    """
    from articles.models import Article

    claimed = Article._default_manager.filter(pk=article.pk, version=base_version).update(version=base_version + 1)
    if not claimed:
        raise StaleArticle(article.pk, base_version)
    article.version = base_version + 1


def posted_version(data, pk):
    """The version a list page showed for article `pk` (see the admin's action checkbox), or None."""
    try:
        return int(data.get(f"_version_{pk}", ""))
    except ValueError:
        return None

"""
`manage.py generate_articles --count 100000 --replace`: a big generated
archive for benchmarks (articles/demo/archive.py).

It replaces every article, section, topic and person, so it asks for
--replace when the database holds articles, and refuses with DEBUG off
unless --force is given, as load_demo does: it is never for a live site.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.demo.archive import fill
from articles.models import Article


class Command(BaseCommand):
    help = _("Replace all articles with a generated archive of Indonesian-like stories, for benchmarks.")

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help=_("How many articles (default 100,000)."))
        parser.add_argument("--days", type=int, default=300, help=_("Published over how many days (default 300)."))
        parser.add_argument("--seed", type=int, default=5, help=_("Random seed; the same seed gives the same archive."))
        parser.add_argument("--replace", action="store_true", help=_("Delete the articles already in the database."))
        parser.add_argument("--force", action="store_true", help=_("Run even with DEBUG off."))

    def handle(self, *args, count, days, seed, replace, force, **options):
        if count < 1 or days < 1:
            raise CommandError(_("--count and --days must be at least 1."))
        if not settings.DEBUG and not force:
            raise CommandError(_("generate_articles replaces every article: it refuses to run with DEBUG off. Use --force if you mean it."))
        if Article.objects.exists() and not replace:
            raise CommandError(_("The database already holds articles; --replace deletes them all first."))
        report = fill(count, seed=seed, days=days, log=lambda message: self.stderr.write(message))
        self.stdout.write(
            _("%(count)s articles generated in %(seconds)s s.") % {"count": f"{count:,}", "seconds": report["fill_seconds"]}
        )

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles import roles
from articles.desk.demo import load_demo_placements
from articles.models import Article, Contribution, Person, Section, Source, Tag
from articles.press.demo_pages import load_demo_pages
from articles.press.demo_records import load_demo_records
from articles.wire.identity import with_source_key

CONTENT_FILE = Path(__file__).resolve().parents[2] / "demo" / "content.json"

# One account per role. The password is printed by `make run`; these
# accounts exist only where load_demo ran, which needs DEBUG or --force.
DEMO_PASSWORD = "wartakum-demo"
DEMO_USERS = [
    # username, role group, slug of the byline person linked to the account
    ("reporter", roles.REPORTER, "reporter-demo"),
    ("editor", roles.EDITOR, "editor-demo"),
    ("pemred", roles.CHIEF_EDITOR, "pemred-demo"),
]


class Command(BaseCommand):
    """
    Fill an empty site with demo content: sections, people, tags, published
    articles, a few drafts, one article in review, one scheduled article, and
    one login per role. Publish times are set relative to now, so the front
    page looks current. Running it again adds only what is missing.
    """

    help = "Load demo sections, people, articles and one user per role (idempotent; refuses when DEBUG is off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off (never do this on a live site).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be created, write nothing.")

    def handle(self, *args, force=False, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo refuses to run with DEBUG off: it creates demo users with a published password. Use --force if you mean it.")
        try:
            content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{CONTENT_FILE}: cannot read demo content: {exc}") from exc

        with transaction.atomic():
            created = self.load(content)
            if dry_run:
                transaction.set_rollback(True)

        if verbosity:
            verb = "Would create" if dry_run else "Created"
            if any(created.values()):
                summary = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
                self.stdout.write(f"{verb} {summary}.")
            else:
                self.stdout.write("Demo content is already loaded.")
            self.stdout.write("Demo logins (password: %s):" % DEMO_PASSWORD)
            for username, group, _person in DEMO_USERS:
                self.stdout.write(f"  {username:<9} {group}")

    def load(self, content):
        created = {"sections": 0, "people": 0, "users": 0, "articles": 0, "pages": load_demo_pages()}
        sections = {}
        for position, data in enumerate(content["sections"], start=1):
            sections[data["slug"]], new = Section.objects.get_or_create(
                slug=data["slug"], defaults={"name": data["name"], "description": data["description"], "position": position * 10}
            )
            created["sections"] += new

        people = {}
        for data in content["people"]:
            people[data["slug"]], new = Person.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]})
            created["people"] += new

        users = {}
        User = get_user_model()
        for username, group_name, person_slug in DEMO_USERS:
            user, new = User.objects.get_or_create(username=username, defaults={"is_staff": True, "first_name": username.capitalize()})
            if new:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(Group.objects.get(name=group_name))
                created["users"] += 1
            person, _new = Person.objects.get_or_create(slug=person_slug, defaults={"name": f"{username.capitalize()} (demo)"})
            if person.user_id is None:
                person.user = user
                person.save(update_fields=["user"])
            users[username] = user

        now = timezone.now().replace(second=0, microsecond=0)
        by_headline = {}
        for data in content["articles"]:
            article, new = self.load_article(data, sections, people, users, now)
            by_headline[data["headline"]] = article
            created["articles"] += new
        for data in content["articles"]:
            picks = [by_headline[h] for h in data.get("related", []) if h in by_headline]
            if picks and not by_headline[data["headline"]].related_articles.exists():
                by_headline[data["headline"]].related_articles.set(picks)
        created["front page placements"] = load_demo_placements()
        # A correction, an unverified story, an advertorial, a right of reply, a takedown.
        created["press records"] = load_demo_records(users)
        return created

    def load_article(self, data, sections, people, users, now):
        key = "demo:" + slugify(data["headline"], allow_unicode=True)
        existing = with_source_key(key).first()
        if existing:
            return existing, False

        state = data["state"]
        status = {
            "published": Article.Status.PUBLISHED,
            "scheduled": Article.Status.PUBLISHED,
            "review": Article.Status.REVIEW,
            "draft": Article.Status.DRAFT,
        }[state]
        publish_at = None
        if state == "published":
            publish_at = now - timedelta(hours=data["age_hours"])
        elif state == "scheduled":
            publish_at = now + timedelta(hours=data["age_hours"])

        # Drafts belong to the demo reporter so that login has work to do.
        author = users["reporter"] if state in ("draft", "review") else users["editor"]
        article = Article(
            headline=data["headline"],
            standfirst=data["standfirst"],
            body=render_body(data["body"]),
            dateline=data.get("dateline", ""),
            section=sections.get(data.get("section")),
            status=status,
            publish_at=publish_at,
            source_key=key,
            created_by=author,
            updated_by=author,
        )
        article.full_clean()
        article.save(reindex=False)  # indexed below, with its tags and byline
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in data.get("tags", [])])
        Contribution.objects.bulk_create(
            Contribution(article=article, person=people[slug], role=role, position=position)
            for position, (slug, role) in enumerate(data.get("byline", []))
        )
        article.refresh_search_document()
        Source.objects.bulk_create(
            Source(article=article, name=source["name"], url=source.get("url", ""), position=position)
            for position, source in enumerate(data.get("sources", []))
        )
        return article, True


def render_body(blocks):
    """Demo paragraphs to body HTML: a block starting with "## " is a subheading."""
    html = []
    for block in blocks:
        if block.startswith("## "):
            html.append(f"<h2>{escape(block[3:].strip())}</h2>")
        else:
            html.append(f"<p>{escape(block)}</p>")
    return "\n".join(html)

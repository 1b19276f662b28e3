"""
Writing one export's posts and pages into the site.

Identity: an item is its old site and WordPress ID (ImportedItem). The same
export again changes nothing ("unchanged"); an export in which a post has
changed updates the article ("updated"), unless editors changed the article
on the site since it was imported: then the item fails rather than
overwrite their work. An article deleted on the site is not re-created.

Addresses: every post gets its new address before the first one is
written (its old slug where it is free), so a body that links to a post
further down the file already links to where that post will be.

Writes: each item in its own transaction (article, byline, topics, lead
image, old addresses and its ImportedItem row together), so a run that is
killed leaves whole items or none, and running it again finishes the job.
A dry run does all of it and rolls each item back.
"""

import hashlib
import json
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.urls import Resolver404, resolve, reverse

import reversion

from articles.wire.outcomes import CREATED, FAILED, UNCHANGED, UPDATED, Result, validation_reason
from articles.models import Article, Contribution, Source, Tag, unique_slug
from articles.pagecache.generations import bump_article

from .addresses import OldSite, RedirectWriter
from .body import Conversion, plain_text, shorten
from .mapping import NOT_IMPORTED, Refuse, Skip, map_post, slug_from
from .media import MediaLibrary
from .models import ImportedItem
from .names import Names
from .wxr import read_items

SKIPPED = "skipped"
SOURCE_KEY_MAX = Article._meta.get_field("source_key").max_length
PAGE_STATUSES = {"publish"}


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def article_state(article, tag_ids, person_ids):
    """What editors could change: compared with the import's own record to see whether they did."""
    return digest([
        article.headline, article.standfirst, article.body, article.status, article.publish_at,
        article.updated_substantively_at, article.section_id, article.lead_image_id,
        sorted(tag_ids), sorted(person_ids),
    ])


def page_state(page):
    return digest([page.url, page.title, page.content])


class WordPressImporter:
    """
    Imports the items of one export, checked and catalogued by
    wxr.read_catalogue(). `section_map` maps category nicenames and names
    (lower case) to section slugs, `sections` those slugs to Sections;
    `warn(label, message)` hears what the operator should know.
    """

    def __init__(self, catalogue, *, section_map=None, sections=None, media_from=None, dry_run=False, warn=None):
        self.catalogue = catalogue
        self.old = OldSite(catalogue.site_url, catalogue.blog_url)
        self.section_map = section_map or {}
        self.dry_run = dry_run
        self.warn = warn or (lambda label, message: None)
        self.names = Names(sections)
        self.redirects = RedirectWriter()
        self.site = self.redirects.site
        self.notes = []
        self.media = MediaLibrary(media_from, catalogue, self.old.key, self.notes.append, dry_run=dry_run)
        self.conversion = Conversion(link_for=self.link_for, image_for=self.media.image_url)
        self.known = self._load_known()
        self.paths = {}
        self.old_paths = {}
        self._plan()

    # --- Planning ----------------------------------------------------------

    def _load_known(self):
        """post id -> (article slug, page address) of what earlier runs imported, no more: a big site has many."""
        rows = ImportedItem.objects.filter(site=self.old.key).exclude(kind=ImportedItem.Kind.ATTACHMENT)
        rows = rows.values_list("post_id", "article__slug", "page__url")
        return {post_id: (slug, url) for post_id, slug, url in rows.iterator(chunk_size=5000)}

    def _plan(self):
        """The new address of every post and page, and the old addresses that lead to each."""
        wanted = {}
        for post_id, entry in self.catalogue.posts.items():
            if entry.status in NOT_IMPORTED or entry.post_type not in ("post", "page"):
                continue
            for path in self.old_addresses(post_id, entry):
                self.old_paths.setdefault(path, post_id)
            slug, url = self.known.get(post_id, (None, None))
            if slug:
                self.paths[post_id] = reverse("articles:detail", kwargs={"slug": slug})
            elif url:
                self.paths[post_id] = url
            elif entry.post_type == "page":
                self.paths[post_id] = self.page_url(entry)
            elif post_id not in self.known:
                wanted[post_id] = slug_from(entry) or "artikel"
        self.slugs = plan_slugs(wanted)
        for post_id, slug in self.slugs.items():
            self.paths[post_id] = reverse("articles:detail", kwargs={"slug": slug})

    def old_addresses(self, post_id, entry):
        key = "page_id" if entry.post_type == "page" else "p"
        paths = [self.old.path_of(entry.link), self.old.path_of(entry.guid), f"/?{key}={post_id}"]
        return list(dict.fromkeys(path for path in paths if path and path != "/"))

    def page_url(self, entry):
        """A page keeps its old address where Newsroom has no page of its own there."""
        path = urlsplit(entry.link).path if entry.link and not urlsplit(entry.link).query else ""
        url = unquote(path) if path.startswith("/") and path != "/" else f"/{slug_from(entry) or 'halaman'}/"
        url = url if url.endswith("/") else url + "/"
        try:
            resolve(url)
        except Resolver404:
            return url
        return f"/halaman/{slug_from(entry) or 'halaman'}/"

    def link_for(self, url):
        path = self.old.path_of(url)
        if path is None:
            return None
        post_id = self.old_paths.get(path) or self.old_paths.get(path if path.endswith("/") or "?" in path else path + "/")
        return self.paths.get(post_id) if post_id else None

    # --- Items -------------------------------------------------------------

    def import_file(self, path, on_read=None):
        """Yield a Result for every item of the export at `path` except attachments."""
        for item in read_items(path, on_read):
            result = self._result(path, item)
            if result is not None:
                yield result

    def _result(self, path, item):
        """The Result for one item; None for an attachment (it comes with the posts that use it)."""
        if item is None:
            return Result(FAILED, f"{path}: item", "no wp:post_id; not imported")
        if item.post_type == "attachment":
            return None
        if item.post_type not in ("post", "page"):
            return Result(SKIPPED, item.label, f"not a post or page ({item.post_type}); not imported")
        return self.import_item(item)

    def import_item(self, item):
        result = self._import_once(item)
        # Warnings about what was written; an unchanged item said it all before.
        if result.outcome in (CREATED, UPDATED):
            for message in dict.fromkeys(self.notes):
                self.warn(item.label, message)
        self.notes.clear()
        return result

    def _import_once(self, item):
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    result = self._import(item, retry=attempt == 2)
                    if self.dry_run or result.outcome in (UNCHANGED, SKIPPED, FAILED):
                        transaction.set_rollback(True)
            except IntegrityError as exc:
                # Another run took the slug or the item between our look and our write.
                self._rolled_back()
                if attempt == 2:
                    return Result(FAILED, item.label, f"could not be saved ({str(exc).splitlines()[0]})")
                continue
            except (ValidationError, DataError, Refuse, Skip) as exc:
                self._rolled_back()
                return self._refused(item, exc)
            except BaseException:
                self._rolled_back()
                raise
            if self.dry_run or result.outcome in (UNCHANGED, SKIPPED, FAILED):
                self._rolled_back()
            else:
                self.names.commit()
                self.media.commit()
            return result

    def _rolled_back(self):
        """Forget what the item's transaction made, and delete the picture files it stored."""
        self.names.rollback()
        self.media.rollback()

    def _refused(self, item, exc):
        if isinstance(exc, Skip):
            return Result(SKIPPED, item.label, str(exc))
        if isinstance(exc, ValidationError):
            return Result(FAILED, item.label, validation_reason(exc))
        if isinstance(exc, DataError):
            return Result(FAILED, item.label, f"could not be saved ({str(exc).splitlines()[0]})")
        return Result(FAILED, item.label, str(exc))

    def _import(self, item, retry=False):
        row = None
        if retry or item.post_id in self.known:
            # An item new at the start of the run is written as new; if
            # another run has written it since, the unique constraint
            # refuses this one and the second attempt looks again.
            row = ImportedItem.objects.select_for_update(of=("self",)).filter(site=self.old.key, post_id=item.post_id)
            row = row.select_related("article", "page").first()
        if item.post_type == "page":
            return self._import_page(item, row)
        post = map_post(item, self.conversion, self.catalogue, self.section_map)
        lead = self.media.image(post.lead_attachment) if post.lead_attachment else None
        result_digest = post.digest(lead.file.name if lead else "")
        self.notes.extend(post.warnings)
        if row is not None and row.article_id is None:
            raise Skip("deleted on the site since it was imported; not re-created")
        if row is not None and row.result_digest == result_digest:
            return Result(UNCHANGED, item.label, row.article.get_absolute_url())
        article = row.article if row else Article(slug=self.slugs.get(item.post_id) or "")
        if row is not None:
            on_site = article_state(article, article.tags.values_list("pk", flat=True), article.contributions.values_list("person_id", flat=True))
            if on_site != row.site_digest:
                raise Refuse("the article was edited on the site since it was imported; not overwritten")
        if retry or not article.slug:
            article.slug = unique_slug(Article, post.slug or post.headline, exclude_pk=article.pk, fallback="artikel")
        self._fill(article, item, post, lead)
        tag_ids = self.names.tag_ids(post.topics)
        people = [self.names.person(post.author)] if post.author else []
        self._save_article(article, post, tag_ids, people, new=row is None)
        path = article.get_absolute_url()
        self.paths[item.post_id] = path
        self.redirects.save([(old, path) for old in self.old_addresses(item.post_id, item)])
        person_ids = [person.pk for person in people]
        self._remember(row, item, ImportedItem.Kind.POST, result_digest, article_state(article, tag_ids, person_ids), article=article)
        return Result(CREATED if row is None else UPDATED, item.label, path)

    def _remember(self, row, item, kind, result_digest, site_digest, **target):
        """Store (or update) the item's ImportedItem row: one INSERT or UPDATE."""
        if row is None:
            row = ImportedItem(site=self.old.key, post_id=item.post_id, kind=kind)
        row.result_digest, row.site_digest = result_digest, site_digest
        for name, value in target.items():
            setattr(row, name, value)
        row.save()

    def _fill(self, article, item, post, lead):
        article.headline, article.standfirst, article.body = post.headline, post.standfirst, post.body
        article.status, article.publish_at = post.status, post.publish_at
        article.updated_substantively_at = post.updated_at
        article.section_id = self.names.section_id(post.section)
        article.lead_image = lead
        article.source_key = f"wordpress:{self.old.key}/{item.post_id}"[:SOURCE_KEY_MAX]
        if article.status == Article.Status.PUBLISHED:
            article.first_published_at = min(filter(None, [article.first_published_at, article.publish_at]))
        article.updated_by = None
        article.full_clean(exclude=["section", "lead_image", "slug"], validate_unique=False, validate_constraints=False)

    def _save_article(self, article, post, tag_ids, people, new):
        """
        The article with its topics and byline, and one revision in its
        history (articles/editorial) holding all three, as an admin save
        makes: editors' history starts from what the import wrote.
        """
        with reversion.create_revision(atomic=False):
            if new:
                # The revision serializes the article as it is saved. A new
                # one is given its relations rather than made to read them
                # back (four queries): its topics, no related stories, and
                # a byline and sources still empty; the byline joins the
                # revision below, once its rows exist.
                article._prefetched_objects_cache = {
                    "tags": self._tags_in_order(tag_ids),
                    "related_articles": read_as(Article.objects.none(), []),
                    "contributions": read_as(Contribution.objects.none(), []),
                    "sources": read_as(Source.objects.none(), []),
                }
            article.save(reindex=False)
            byline = [Contribution(article=article, person=person, role=Contribution.Role.WRITER) for person in people]
            if new:
                del article._prefetched_objects_cache
                Article.tags.through.objects.bulk_create(Article.tags.through(article_id=article.pk, tag_id=pk) for pk in tag_ids)
                # SQLite and PostgreSQL return the new rows' keys, which the revision needs.
                for contribution in Contribution.objects.bulk_create(byline):
                    reversion.add_to_revision(contribution)
            else:
                article.tags.set(tag_ids)
                if sorted(article.contributions.values_list("person_id", flat=True)) != sorted(person.pk for person in people):
                    article.contributions.all().delete()
                    Contribution.objects.bulk_create(byline)
                # Serialized again now that topics and byline are in place.
                reversion.add_to_revision(article)
        article.refresh_search_document(names=[name for _, name in post.topics] + ([post.author[1]] if post.author else []))
        # The site's own "last modified" (sitemaps) is the old site's.
        Article.objects.filter(pk=article.pk).update(updated_at=post.updated_at or post.publish_at or article.updated_at)
        if not new:
            # Byline and topics were written past the page cache's signals.
            # A new article's own save has bumped its page and the lists in
            # this transaction, which is when readers see all of it.
            bump_article(article.slug)

    def _tags_in_order(self, tag_ids):
        """Tags `tag_ids`, read, in the order the database lists an article's tags (by name, in its collation)."""
        tags = Tag.objects.filter(pk__in=tag_ids).only("pk")
        if len(tag_ids) < 2 or connection.vendor == "sqlite":
            # SQLite compares names byte by byte, which for UTF-8 is Python's order of strings.
            in_order = sorted(tag_ids, key=lambda pk: (self.names.tag_names[pk], pk))
            return read_as(tags, [Tag(pk=pk) for pk in in_order])
        len(tags)
        return tags

    def _import_page(self, item, row):
        if item.status in NOT_IMPORTED:
            raise Skip(NOT_IMPORTED[item.status])
        if item.status not in PAGE_STATUSES:
            raise Skip(f"a {item.status} page; static pages have no drafts, not imported")
        content = self.conversion.convert(item.content)
        self.notes.extend(self.conversion.warnings)
        title = shorten(plain_text(item.title), 200) or shorten(plain_text(content), 200)
        if not title:
            raise Skip("no title and no body; nothing to import")
        url = row.page.url if row and row.page else self.paths.get(item.post_id) or self.page_url(item)
        result_digest = digest([url, title, content])
        if row is not None and row.page_id is None:
            raise Skip("deleted on the site since it was imported; not re-created")
        if row is not None and row.result_digest == result_digest:
            return Result(UNCHANGED, item.label, url)
        if row is not None and page_state(row.page) != row.site_digest:
            raise Refuse("the page was edited on the site since it was imported; not overwritten")
        page = row.page if row else FlatPage(url=url)
        if row is None and FlatPage.objects.filter(url=url).exists():
            raise Refuse(f"a static page already has the address {url}")
        page.title, page.content = title, content
        page.full_clean(exclude=["sites"])
        page.save()
        page.sites.add(self.site)
        self.redirects.save([(old, url) for old in self.old_addresses(item.post_id, item) if unquote(old) != url])
        self._remember(row, item, ImportedItem.Kind.PAGE, result_digest, page_state(page), page=page)
        return Result(CREATED if row is None else UPDATED, item.label, url)


def read_as(queryset, objects):
    """
    `queryset` as though it had been read and found `objects`: what
    prefetch_related() leaves in an instance's cache, given rather than
    queried (even an empty queryset costs a compilation when read).
    """
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    return queryset


def plan_slugs(wanted):
    """
    A free, distinct slug for each new post: its old one where no article
    has it, and where it is not the old address of another article (a
    renamed one), which must keep leading there.
    """
    taken = set()
    candidates = list(set(wanted.values()))
    for start in range(0, len(candidates), 500):
        batch = candidates[start : start + 500]
        taken.update(Article.objects.filter(slug__in=batch).values_list("slug", flat=True))
        paths = {reverse("articles:detail", kwargs={"slug": slug}): slug for slug in batch}
        moved = Redirect.objects.filter(site_id=settings.SITE_ID, old_path__in=list(paths)).values_list("old_path", flat=True)
        taken.update(paths[path] for path in moved)
    planned = {}
    for post_id, slug in wanted.items():
        choice, n = slug, 1
        while choice in taken:
            n += 1
            choice = f"{slug}-{n}"
            if choice not in taken and Article.objects.filter(slug=choice).exists():
                taken.add(choice)
        taken.add(choice)
        planned[post_id] = choice
    return planned

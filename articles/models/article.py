"""
The article, its byline and its sources: the content model and the
workflow rules every path (admin, actions, commands, importers) goes through.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..paths import slug_path
from ..press import addresses
from ..press.labels import PAID_KIND_HELP, PAID_KIND_NAME, SLUG_HELP, PaidKind
from ..sanitize import clean_body_html
from ..validators import validate_body_size
from .images import Image
from .querysets import ArticleQuerySet, Status
from .slugs import SLUG_MAX_LENGTH, unique_slug
from .taxonomy import Person, Section, Tag


class Article(models.Model):
    Status = Status

    MAX_TAGS = 20
    # Fields whose text goes into the search document (see refresh_search_document).
    SEARCHED_FIELDS = frozenset({"headline", "standfirst", "body", "dateline"})

    headline = models.CharField(_("headline"), max_length=200, help_text=_("At most 200 characters."))
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=SLUG_HELP,
    )
    standfirst = models.CharField(
        _("standfirst"), max_length=400, blank=True, help_text=_("One sentence under the headline that tells the story.")
    )
    body = models.TextField(
        _("body"),
        blank=True,
        validators=[validate_body_size],
        help_text=_("Paragraphs, subheadings, quotes, lists, links and emphasis; anything else is removed on save. At most 2 MB."),
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("Required before the article can be published."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles", help_text=_("At most 20."))
    dateline = models.CharField(_("dateline"), max_length=80, blank=True, help_text=_("The city the story was filed from, e.g. JAKARTA."))
    lead_image = models.ForeignKey(
        Image, verbose_name=_("lead image"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_("Editor's picks for “Baca juga”, shown before automatic suggestions."),
    )

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Readers see a published article from this minute on. A time in the future schedules it."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    updated_substantively_at = models.DateTimeField(
        _("last substantive update"),
        null=True,
        blank=True,
        help_text=_("Shown to readers as “Diperbarui”. Set it for corrections and new facts, not for typo fixes."),
    )

    paid_kind = models.CharField(
        PAID_KIND_NAME,
        max_length=16,
        choices=PaidKind.choices,
        default=PaidKind.NONE,
        blank=True,
        help_text=PAID_KIND_HELP,
    )

    # Identity of a story that came in through the importer, so a corrected
    # version of the same wire story updates it instead of duplicating it.
    source_key = models.CharField(_("import key"), max_length=200, blank=True, editable=False)
    source_digest = models.CharField(_("import digest"), max_length=64, blank=True, editable=False)

    # Optimistic locking (articles/editorial/versioning.py): every save
    # raises it by one, in an UPDATE that only matches the version the
    # change was based on, so a save from a stale form is refused.
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Raised by every save; a save based on an older version is refused.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("edit_others_article", _("Can edit articles by anyone, in any status")),
            ("preview_article", _("Can preview unpublished articles on the site")),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            # Section pages and the front page's section blocks: the newest of
            # one section without walking the whole archive by date; with the
            # status in it, a section's page count is read from the index
            # alone (26 ms to 0.4 ms for 11,000 stories on SQLite).
            models.Index(fields=["section", "status", "-publish_at"], name="article_section_status_idx"),
            # The sitemaps (articles/urlsets.py) in this index's order, from
            # it alone: a month's page of addresses (a deep page skips
            # entries), the hour counts' recount (migration 0011), and the
            # news sitemap with its filter on paid content and its titles.
            # From the table, SQLite reached the columns after the body
            # through the body's overflow pages, a page or more per story:
            # 8 us of the news sitemap's 22 us per URL on 100,000 stories.
            # The news index's rows too, with their section and picture keys
            # (queries.index_rows): 0.9 ms of CPU to 0.5 for a busy day's 200.
            models.Index(
                fields=["status", "publish_at", "updated_at", "slug", "paid_kind", "headline", "section", "lead_image"],
                name="article_sitemap_idx",
            ),
            # Topic and person pages: whether each of a topic's stories is
            # published, and when, read from this index alone. From the table
            # SQLite reads those two columns from behind the body, often in
            # overflow pages (10 µs a story, 1,200 stories a topic on 100,000).
            models.Index(fields=["id", "status", "publish_at"], name="article_key_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False, section__isnull=False),
                name="article_published_has_time_and_section",
                violation_error_message=_("A published article needs a publish time and a section."),
            ),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="article_unique_source_key"
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return slug_path("articles:detail", self.slug)

    # --- State ---------------------------------------------------------------

    @property
    def is_live(self):
        """True when readers can see the article right now."""
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def state_label(self):
        """The status as an editor thinks of it: "scheduled" is its own state."""
        if self.is_scheduled:
            return _("Scheduled")
        return self.get_status_display()

    # --- Saving ------------------------------------------------------------

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            # Publishing without a time means now.
            self.publish_at = timezone.now()
        if self.status == self.Status.PUBLISHED and self.section_id is None:
            raise ValidationError({"section": ValidationError(_("Choose a section before publishing."), code="section_required")})
        # A published article may move; its old address must be keepable
        # as a redirect, and a taken-down story stays down.
        addresses.check_address_change(self)

    def save(self, *args, reindex=True, base_version=None, **kwargs):
        """
        Save, sanitizing the body and refreshing the search document. Code
        that changes tags or byline next passes reindex=False and calls
        refresh_search_document() once they are in place, so the text is
        not stemmed twice.

        Saving an existing article is refused with StaleArticle when the
        stored article is no longer at `base_version` (by default the
        version this instance was loaded at): someone else saved since.
        Every save stores a revision (articles/editorial/revisions.py).
        """
        from ..editorial.revisions import revision_for
        from ..editorial.versioning import claim_version

        self.body = clean_body_html(self.body)
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, exclude_pk=self.pk, fallback="artikel")
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = timezone.now()
            if self.first_published_at is None:
                self.first_published_at = self.publish_at
        adding = self._state.adding
        old_address = addresses.stored_address(self, kwargs.get("update_fields"))
        with transaction.atomic(savepoint=False), revision_for(self):
            if not adding:
                claim_version(self, self.version if base_version is None else base_version)
            super().save(*args, **kwargs)
            # Every address the article had answers 301 to the new one.
            addresses.remember_move(old_address, self)
            update_fields = kwargs.get("update_fields")
            if reindex and (update_fields is None or not self.SEARCHED_FIELDS.isdisjoint(update_fields)):
                # A new article has no tags or byline yet: no need to look them up.
                self.refresh_search_document(names=() if adding else None)

    def refresh_search_document(self, *, names=None):
        """
        Store the article's current text, tags and byline in the search
        index. save() calls this itself (explicitly, not through a signal);
        code that changes the tags or byline of a saved article must call it
        again afterwards, as the admin's save_related(), the importers and
        load_demo do. Publishing, scheduling and unpublishing need no
        re-indexing: a database trigger copies status, publish time and
        section, and search results are loaded through published().
        """
        # Imported here: articles.search imports this module.
        from ..search.index import index_article

        index_article(self, names=names)

    # --- Workflow ------------------------------------------------------------
    # Each transition checks who asks: the admin, actions and commands all go
    # through here, so a hand-crafted POST cannot get around a role.

    def is_by(self, user):
        """True when `user` created the article or is in its byline."""
        if not user.is_authenticated:
            return False
        if self.created_by_id == user.pk:
            return True
        return self.pk is not None and self.contributions.filter(person__user=user).exists()

    def can_edit(self, user):
        if not user.has_perm("articles.change_article"):
            return False
        if user.has_perm("articles.edit_others_article"):
            return True
        # A new article belongs to whoever is writing it.
        return self.status in (self.Status.DRAFT, self.Status.UNPUBLISHED) and (self.pk is None or self.is_by(user))

    def allowed_statuses(self, user):
        """The statuses `user` may move this article to (its current one included)."""
        allowed = {self.status}
        may_publish = user.has_perm("articles.publish_article")
        if self.can_edit(user):
            allowed |= {self.Status.DRAFT, self.Status.REVIEW} if self.status != self.Status.PUBLISHED else set()
        if may_publish:
            allowed |= {self.Status.DRAFT, self.Status.REVIEW, self.Status.PUBLISHED}
            if self.status == self.Status.PUBLISHED:
                allowed.add(self.Status.UNPUBLISHED)
                allowed -= {self.Status.DRAFT, self.Status.REVIEW}
        return allowed

    def check_transition(self, user, status):
        if status not in self.allowed_statuses(user):
            if status in (self.Status.PUBLISHED, self.Status.UNPUBLISHED) and not user.has_perm("articles.publish_article"):
                raise PermissionDenied(_("Only editors can publish, schedule or unpublish articles."))
            raise PermissionDenied(
                _("You cannot move this article from “%(old)s” to “%(new)s”.")
                % {"old": self.get_status_display(), "new": self.Status(status).label}
            )

    # Each move takes the version the caller saw (`base_version`, by default
    # the one this instance was loaded at) and is refused when the article
    # changed since: a stale list page can never publish or withdraw.

    def _move(self, user, status, base_version=None, reason="", **fields):
        from ..editorial.decisions import record_move

        self.check_transition(user, status)
        old_status = self.status
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.updated_by = user
        self.full_clean()
        with transaction.atomic(savepoint=False):
            self.save(base_version=base_version)
            record_move(self, user, old_status, reason)

    def submit_for_review(self, user, base_version=None):
        self._move(user, self.Status.REVIEW, base_version)

    def return_to_draft(self, user, base_version=None):
        self._move(user, self.Status.DRAFT, base_version)

    def publish(self, user, at=None, base_version=None):
        """Publish now, or at `at`: a future time schedules the article."""
        self._move(user, self.Status.PUBLISHED, base_version, publish_at=at or timezone.now())

    def schedule(self, user, at, base_version=None):
        if at <= timezone.now():
            raise ValidationError({"publish_at": ValidationError(_("Choose a time in the future to schedule an article."), code="not_future")})
        self.publish(user, at, base_version)

    def unpublish(self, user, base_version=None, reason=""):
        """Withdraw the article: readers no longer see it; it can be edited and published again."""
        fields = {}
        if self.first_published_at and self.first_published_at > timezone.now():
            # It was only scheduled, never seen: it has not been published yet.
            fields["first_published_at"] = None
        self._move(user, self.Status.UNPUBLISHED, base_version, reason, **fields)


class Contribution(models.Model):
    """A person's place in an article's byline."""

    class Role(models.TextChoices):
        WRITER = "writer", _("Writer")
        EDITOR = "editor", _("Editor")
        PHOTOGRAPHER = "photographer", _("Photographer")
        TRANSLATOR = "translator", _("Translator")
        CONTRIBUTOR = "contributor", _("Contributor")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="contributions")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.WRITER)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline entry")
        verbose_name_plural = _("byline")
        constraints = [
            models.UniqueConstraint(fields=["article", "person", "role"], name="contribution_unique_person_role"),
        ]
        # A person's stories (their page and feed) without reading the byline rows.
        indexes = [models.Index(fields=["person", "article"], name="contribution_person_idx")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Source(models.Model):
    """An outlet, agency or document the article cites."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=200, help_text=_("Outlet, agency or institution, e.g. Antara, Reuters, BPS."))
    url = models.URLField(_("link"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

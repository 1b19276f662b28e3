"""
The readers' site: front page, section/tag/person lists and the daily
index. The article page and shared previews are articles.article_views, the
search page articles.search.views; robots.txt, the favicon, the sitemap
index and the 500 page are site plumbing in newsroom.views.

Every query for articles starts from Article.objects.published(); only the
article page widens that to visible_to(user) so staff can preview.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from .context_processors import navigation_sections
from .dates import day_date
from .desk.front import front_page, newest_keys, newest_needed, section_pin
from .forms import INDEX_FIRST_DAY, IndexForm
from .models import Article, Person, PublishedTagging, Section, Tag
from .queries import (
    LISTED_COLUMNS,
    PICTURE_COLUMNS,
    CountedKeysPaginator,
    KeysFirstPaginator,
    ShortListPaginator,
    TopicPaginator,
    card_queryset,
    cards,
    cards_among,
    cards_by_key,
    cards_from_rows,
    index_rows,
)

# How many stories the front page shows in each of its parts (the Headline
# and the "Pilihan Editor" slots come from articles/desk/).
FRONT_LATEST = 6
FRONT_PER_SECTION = 4
# How many of the newest stories per section the section blocks look at
# before asking a quiet section for its own (HomeView.section_blocks).
SECTION_WINDOW = 25


def description_from(text, words=30):
    return Truncator(strip_tags(text or "")).words(words, truncate="…")


class ReaderPageMixin:
    """
    What every reader page tells the template besides its content: its title,
    description and canonical address. Query parameters that choose what is
    shown (the index's day and section) are part of the canonical address;
    anything else (tracking tags, stray input) is not.
    """

    page_title = None
    page_description = None

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def content_params(self):
        return {}

    def page_path(self, number=1):
        params = dict(self.content_params())
        if number > 1:
            params["page"] = number
        query = urlencode(params)
        return escape_uri_path(self.request.path) + (f"?{query}" if query else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        title = self.get_page_title()
        if page is not None and page.number > 1:
            title = _("%(title)s – page %(number)s") % {"title": title or settings.SITE_NAME, "number": page.number}
        context.update(
            page_title=title,
            page_description=self.get_page_description(),
            canonical_path=self.page_path(page.number if page is not None else 1),
        )
        return context


class ArticleListMixin(ReaderPageMixin):
    """A numbered, paginated list of published articles; out-of-range pages are 404s."""

    paginate_by = 20
    paginator_class = KeysFirstPaginator
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return card_queryset()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, rows=self.page_rows, **kwargs)

    def page_rows(self, keys):
        """
        The page's stories as list rows made from values, their pictures in
        the same query and their sections from the menu's
        (queries.cards_from_rows): what a card shows, at a third of the cost
        of an Article, Section and Image instance each.
        """
        rows = cards_by_key(keys).values_list(*LISTED_COLUMNS, *PICTURE_COLUMNS)
        return cards_from_rows(rows, {section.pk: section for section in navigation_sections(self.request)}, rows.db)

    def get(self, request, *args, **kwargs):
        # ListView's own get() asks whether the list is empty before showing
        # it when allow_empty is False; the paginator refuses an empty list's
        # first page anyway (a 404 too), without that query.
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data())


class HomeView(ReaderPageMixin, TemplateView):
    """
    The Headline and the "Pilihan Editor" slots as editors placed them (the
    newest stories fill any slot left open), the latest stories, then a
    block per section in menu order.
    """

    template_name = "articles/home.html"

    def get_page_title(self):
        return _("Latest news")

    def get_page_description(self):
        return _("Latest news from %(site)s: politics, economy, sport, technology and more, every day.") % {
            "site": settings.SITE_NAME
        }

    def get_context_data(self, **kwargs):
        sections = navigation_sections(self.request)
        # The keys and sections of the newest stories, once: they fill the
        # open slots and the section blocks, whose cards come in the same
        # query as the slots' (those the slots may take are fetched anyway).
        window = max(SECTION_WINDOW * len(sections), newest_needed(FRONT_LATEST))
        now = timezone.now()
        newest = newest_keys(window, now)
        front = front_page(
            FRONT_LATEST,
            now,
            newest=[pk for pk, _section in newest],
            sections=sections,
            more=lambda taken: [pk for keys in self.block_keys(sections, newest, taken).values() for pk in keys],
        )
        shown = {article.pk for article in front.shown + front.latest}
        return super().get_context_data(
            lead=front.headline,
            highlights=[article for article, _picked in front.picks],
            has_picks=any(picked for _article, picked in front.picks),
            latest=front.latest,
            section_blocks=self.section_blocks(sections, newest, len(newest) < window, shown, front.cards),
            **kwargs,
        )

    @staticmethod
    def block_keys(sections, newest, skip):
        """The keys of each section's newest stories among `newest` ((key, section) pairs), leaving out `skip`."""
        keys = {section.pk: [] for section in sections}
        for pk, section_id in newest:
            section_keys = keys.get(section_id)
            if section_keys is not None and len(section_keys) < FRONT_PER_SECTION and pk not in skip:
                section_keys.append(pk)
        return keys

    def section_blocks(self, sections, newest, complete, exclude, fetched):
        """
        The newest stories of every section not already shown above, from
        the newest stories' keys (`newest`; `complete` when they are all
        there are) and the cards `fetched` with the slots'. Only a section
        with fewer than FRONT_PER_SECTION among them, when there may be
        more, asks for its own newest. A LIMITed subquery for every section
        cost more CPU to build than the rest of the view together.
        """
        keys = self.block_keys(sections, newest, exclude)
        blocks = {section_id: [fetched[pk] for pk in section_keys if pk in fetched] for section_id, section_keys in keys.items()}
        short = [section for section in sections if len(keys[section.pk]) < FRONT_PER_SECTION]
        if short and not complete:
            older = [
                Article.objects.published()
                .filter(section=section)
                .exclude(pk__in=exclude)
                .order_by("-publish_at", "-pk")
                .values("pk")[:FRONT_PER_SECTION]
                for section in short
            ]
            for section in short:
                blocks[section.pk] = []
            for article in cards_among(older).order_by("-publish_at", "-pk"):
                blocks[article.section_id].append(article)
        return [(section, blocks[section.pk]) for section in sections if blocks[section.pk]]


class SectionView(ArticleListMixin, ListView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        # The story an editor pinned heads the first page and is left out of the list.
        self.pinned = section_pin(self.section)
        articles = super().get_queryset().filter(section=self.section)
        return articles.exclude(pk=self.pinned.pk) if self.pinned else articles

    def get_page_title(self):
        return self.section.name

    def get_page_description(self):
        return self.section.description or _("The latest %(section)s news from %(site)s.") % {
            "section": self.section.name,
            "site": settings.SITE_NAME,
        }

    def get_context_data(self, **kwargs):
        # Every story here is in this section: the cards need not say so.
        return super().get_context_data(
            section=self.section, current_section=self.section, card_show_section=False, pinned=self.pinned, **kwargs
        )


class TagView(ArticleListMixin, ListView):
    """A topic's articles. A topic with nothing published is a 404: its name alone could give away an embargoed story."""

    template_name = "articles/tag.html"
    allow_empty = False
    paginator_class = TopicPaginator

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        # The topic's published stories as database triggers keep them
        # (PublishedTagging): the page's rows come by key (page_rows).
        listed = PublishedTagging.objects.filter(tag=self.tag, publish_at__lte=timezone.now())
        return listed.order_by("-publish_at", "-article_id")

    def get_page_title(self):
        return _("Topic: %(tag)s") % {"tag": self.tag.name}

    def get_page_description(self):
        return _("News about %(tag)s from %(site)s.") % {"tag": self.tag.name, "site": settings.SITE_NAME}

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class PersonView(ArticleListMixin, ListView):
    """Someone's articles. Like topics, a person with nothing published has no public page."""

    template_name = "articles/person.html"
    allow_empty = False
    paginator_class = CountedKeysPaginator

    def get_queryset(self):
        self.person = get_object_or_404(Person.objects.select_related("photo"), slug=self.kwargs["slug"])
        return super().get_queryset().bylined(self.person)

    def get_page_title(self):
        return self.person.name

    def get_page_description(self):
        return description_from(self.person.bio) or _("Articles by %(person)s at %(site)s.") % {
            "person": self.person.name,
            "site": settings.SITE_NAME,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)


class IndexView(ArticleListMixin, ListView):
    """
    The news index: one page per day (in the site's time zone), optionally
    one section. `tanggal` (YYYY-MM-DD) and `rubrik` (a section slug) are
    GET fields so the chooser works without JavaScript.
    """

    template_name = "articles/index.html"
    # One page per day; the limit only keeps a freak day from becoming one huge page.
    paginate_by = 200
    paginator_class = ShortListPaginator

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()
        form = IndexForm(request.GET, sections=navigation_sections(request), today=self.today)
        form.is_valid()
        self.day, self.section, self.errors = form.day, form.section, form.messages

    def content_params(self):
        params = {}
        if self.day != self.today:
            params["tanggal"] = self.day.isoformat()
        if self.section:
            params["rubrik"] = self.section.slug
        return params

    def get_queryset(self):
        start = timezone.make_aware(datetime.combine(self.day, time.min))
        end = timezone.make_aware(datetime.combine(self.day + timedelta(days=1), time.min))
        # One upper bound, the day's end or now: with both, SQLite walked the
        # date index from the day to now (2.6 ms rather than 0.03 ms for a
        # day four months back, on 100,000 stories).
        articles = Article.objects.published_between(start, end)
        if self.section:
            articles = articles.filter(section=self.section)
        return articles

    def page_rows(self, articles):
        # The columns a row shows, not a card's (queries.index_rows).
        return index_rows(articles, {section.pk: section for section in navigation_sections(self.request)})

    def get_page_title(self):
        title = _("News index: %(day)s") % {"day": day_date(self.day)}
        if self.section:
            title = f"{title} – {self.section.name}"
        return title

    def get_page_description(self):
        if self.section:
            return _("All %(section)s news published by %(site)s on %(day)s.") % {
                "section": self.section.name,
                "site": settings.SITE_NAME,
                "day": day_date(self.day),
            }
        return _("All news published by %(site)s on %(day)s.") % {"site": settings.SITE_NAME, "day": day_date(self.day)}

    def day_path(self, day):
        params = {"tanggal": day.isoformat()}
        if self.section:
            params["rubrik"] = self.section.slug
        return f"{reverse('articles:index')}?{urlencode(params)}"

    def get_context_data(self, **kwargs):
        previous_day = self.day - timedelta(days=1)
        next_day = self.day + timedelta(days=1)
        return super().get_context_data(
            day=self.day,
            today=self.today,
            first_day=INDEX_FIRST_DAY,
            chosen_section=self.section,
            errors=self.errors,
            previous_day_path=self.day_path(previous_day),
            next_day_path=self.day_path(next_day) if next_day <= self.today else None,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        # Bad input gets the page with the message, marked as the client's mistake.
        if self.errors:
            kwargs.setdefault("status", 400)
        return super().render_to_response(context, **kwargs)

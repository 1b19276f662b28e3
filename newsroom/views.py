"""
Site plumbing, outside any one app: the favicon, robots.txt, the sitemap
index and the 400, 413 and 500 pages. (/healthz is newsroom.health.)
"""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from articles.context_processors import site_identity
from articles.paths import path_to

FALLBACK_500 = '<!doctype html><html lang="id"><meta charset="utf-8"><title>%(message)s</title><h1>%(message)s</h1>'


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says; send them to the icon."""
    return HttpResponsePermanentRedirect(static(site_identity()["SITE_ICON"]))


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Crawlers may read everything public; the sitemaps tell them where it is."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:search')}",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap-index')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap-news')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


SITEMAP_INDEX_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


@x_robots_tag
def sitemap_index(request, sitemaps):
    """
    Django's sitemap index, but with addresses from SITE_URL rather than the
    request's Host header, each part's last change from one aggregate, and
    the XML its template gave written here: a month of 10,000 stories is 40
    entries (articles.urlsets.PAGE_SIZE), 370 on 100,000 stories, and the
    news sitemap's 48 hours up to 4.
    Every page of a part carries the part's last change.
    """
    entries = [SITEMAP_INDEX_HEAD]
    changes = []
    for section, sitemap in sitemaps.items():
        # reverse(), remembered: a month's address is asked for on every request, a dozen months at 13 us each.
        location = escape(settings.SITE_URL + path_to("sitemap-section", section=section))
        lastmod = sitemap.get_latest_lastmod()
        lastmod = f"<lastmod>{timezone.localtime(lastmod).isoformat()}</lastmod>" if lastmod else ""
        entries.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>")
        entries.extend(f"<sitemap><loc>{location}?p={page}</loc>{lastmod}</sitemap>" for page in range(2, sitemap.num_pages() + 1))
        if hasattr(sitemap, "changes_at"):
            changes.append(sitemap.changes_at())
    entries.append("\n</sitemapindex>\n")
    response = HttpResponse("".join(entries), content_type="application/xml")
    # The page cache keeps it until then at the latest (articles/pagecache).
    response.valid_until = min(filter(None, changes), default=None)
    return response


@x_robots_tag
def sitemap(request, sitemaps, section, template_name="articles/sitemap.xml"):
    """
    One part of the sitemap. The article sitemaps, which grow with the
    archive, write their XML themselves (articles.sitemaps.ArticleUrlset);
    the small ones (sections, topics, people) go through Django's view.
    """
    try:
        part = sitemaps[section]
    except KeyError:
        raise Http404(f"No sitemap available for section: {section!r}") from None
    if callable(part):
        part = part()
    if not hasattr(part, "urlset"):
        return sitemap_views.sitemap(request, {section: part}, section=section, template_name=template_name)
    page = request.GET.get("p", 1)
    try:
        body, latest, response_valid_until = part.urlset(page)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(f"No page {page!r}") from None
    response = HttpResponse(body, content_type="application/xml")
    response.valid_until = response_valid_until
    # As Django's view does, for ConditionalGetMiddleware's 304.
    if latest is not None:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response


def server_error(request, template_name="500.html"):
    """
    The 500 page in the site's design, rendered from settings alone: when
    the database is what failed, anything that queries would fail again.
    """
    try:
        body = loader.get_template(template_name).render(site_identity())
    except Exception:
        # The page of last resort must not fail in turn (a broken static
        # manifest, say): fall back to words alone.
        body = FALLBACK_500 % {"message": _("Something went wrong")}
    return HttpResponseServerError(body)




def error_page(status, title, message):
    """A 4xx page in the site's design, rendered from settings alone, like the 500 page."""
    context = {**site_identity(), "status": status, "title": title, "message": message}
    try:
        body = loader.get_template("400.html").render(context)
    except Exception:
        body = FALLBACK_500 % {"message": message}
    return HttpResponse(body, status=status)


def bad_request(request, exception):
    """
    The 400 page. Django's own reads request.POST again (its CSRF check),
    so a body it could not parse, such as a form declared UTF-16, raised a
    second time inside the handler and became a 500.
    """
    response = error_page(400, _("Bad request"), _("The request could not be understood. Please check the address and try again."))
    return HttpResponseBadRequest(response.content)

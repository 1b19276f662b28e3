"""
The one table of old addresses: django.contrib.redirects' Redirect, for the
current site. Everything that writes to it goes through add_redirect() (or
move_address() for an address that changed), which keep two promises:

- no loops: a redirect that would lead back to where it starts is refused;
- no chains: every redirect points straight at the final address, so a
  reader or crawler gets there in one 301, however often it moved.

Paths are stored as Django produces them in `request.get_full_path()` and
`reverse()`: absolute, percent-encoded (IRI to URI), with the query string
if any. A target may also be a full URL (https://...), which is never
followed further.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import gettext as _

# Redirect.old_path and new_path are CharField(max_length=200).
MAX_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length
# More hops than a collapsed table can hold: something wrote around us.
MAX_HOPS = 20


def current_site():
    """The site of SITE_ID, created if a flushed test database lost it."""
    site, _created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": settings.SITE_NAME}
    )
    return site


def normalize_path(path):
    """`path` as the middleware will look it up: percent-encoded, absolute."""
    path = iri_to_uri(str(path).strip())
    if not path.startswith(("/", "http://", "https://")):
        raise ValidationError(
            _("An address must start with “/” (or be a full http(s) address): %(path)s") % {"path": path},
            code="path_not_absolute",
        )
    if len(path) > MAX_PATH_LENGTH:
        raise ValidationError(
            _("The address is longer than %(limit)d characters and cannot be kept as a redirect: %(path)s")
            % {"limit": MAX_PATH_LENGTH, "path": path},
            code="path_too_long",
        )
    return path


def final_target(path, *, site=None):
    """Where `path` ends up after following the table (itself when it is not redirected)."""
    site = site or current_site()
    seen = {path}
    for _hop in range(MAX_HOPS):
        if not path.startswith("/"):
            return path
        target = Redirect.objects.filter(site=site, old_path=path).values_list("new_path", flat=True).first()
        if not target or target in seen:
            return path
        seen.add(target)
        path = target
    return path


def add_redirect(old_path, new_path):
    """
    Make `old_path` answer 301 to `new_path` (or to wherever `new_path`
    itself redirects), and point every redirect that led to `old_path`
    straight at that final address. Returns the Redirect row.

    Raises ValidationError (code "redirect_loop") when the final address is
    `old_path` itself, e.g. A→B when B→A is in the table; nothing is
    written then. Safe to call again with the same arguments.
    """
    old_path, new_path = normalize_path(old_path), normalize_path(new_path)
    if not old_path.startswith("/"):
        raise ValidationError(_("Only addresses on this site can be redirected."), code="path_not_local")
    with transaction.atomic():
        site = current_site()
        target = final_target(new_path, site=site)
        if target == old_path:
            raise ValidationError(
                _("A redirect from %(old)s to %(new)s would lead back to itself.") % {"old": old_path, "new": new_path},
                code="redirect_loop",
            )
        # Collapse chains: whatever led to old_path now leads to the end.
        Redirect.objects.filter(site=site, new_path=old_path).update(new_path=target)
        try:
            with transaction.atomic():
                redirect, _created = Redirect.objects.update_or_create(
                    site=site, old_path=old_path, defaults={"new_path": target}
                )
        except IntegrityError:
            # Someone else added the same old path between our read and write.
            redirect = Redirect.objects.get(site=site, old_path=old_path)
            redirect.new_path = target
            redirect.save(update_fields=["new_path"])
    return redirect


def move_address(old_path, new_path):
    """
    Record that a page moved from `old_path` to `new_path`: the new address
    is live, so any redirect *from* it goes, and the old one (with every
    address that led to it) answers 301 to the new one. Moving back to an
    earlier address is therefore fine, and leaves no loop behind.
    """
    old_path, new_path = normalize_path(old_path), normalize_path(new_path)
    if old_path == new_path:
        return None
    with transaction.atomic():
        Redirect.objects.filter(site=current_site(), old_path=new_path).delete()
        return add_redirect(old_path, new_path)


def lookup(request):
    """The Redirect for this request's address, or None: full path, bare path, then with a slash appended."""
    candidates = [request.get_full_path()]
    bare = escape_uri_path(request.path)
    if bare not in candidates:
        # Old links often carry tracking parameters (?utm_source=...).
        candidates.append(bare)
    if settings.APPEND_SLASH and not request.path.endswith("/"):
        candidates.append(request.get_full_path(force_append_slash=True))
    found = {r.old_path: r for r in Redirect.objects.filter(site_id=settings.SITE_ID, old_path__in=candidates)}
    return next((found[path] for path in candidates if path in found), None)

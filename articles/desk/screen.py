"""
The "Halaman depan" admin screen: the front page's slots as readers will
get them, and the few clicks that change them (place, move, remove, put up
or clear the breaking-news bar). Every change is a model save or delete,
made in one transaction and answered with a redirect.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.dates import clock_time
from articles.views import FRONT_LATEST

from . import records
from .forms import BreakingNewsForm, PlaceArticleForm
from .front import LATEST_STARTED, front_page
from .models import BreakingNews, Placement, running_at

ACTIONS = ("place", "breaking", "clear", "remove", "up", "down")


def slot_rows(now):
    """The front page as readers get it, with the placement behind each slot (None: the newest story fills it)."""
    front = front_page(FRONT_LATEST, now)
    placed = {(p.slot, p.article_id): p for p in Placement.objects.front_page().filter(running_at(now))}
    headline = None
    if front.headline:
        headline = (front.headline, placed.get((Placement.Slot.HEADLINE, front.headline.pk)) if front.headline_picked else None)
    picks = [(article, placed.get((Placement.Slot.PICK, article.pk)) if picked else None) for article, picked in front.picks]
    return headline, picks


def waiting_placements(now):
    """Placements that readers do not see yet or any more: not started, article not live, or beyond the slots."""
    shown = set()
    headline, picks = slot_rows(now)
    for _article, placement in [headline, *picks] if headline else picks:
        if placement:
            shown.add(placement.pk)
    return (
        Placement.objects.exclude(pk__in=shown)
        .exclude(expires_at__lte=now)
        .select_related("article", "article__section")
        .order_by("slot", "position", LATEST_STARTED)
    )


def _ordered_picks(now):
    return list(Placement.objects.filter(slot=Placement.Slot.PICK).exclude(expires_at__lte=now).order_by("position", LATEST_STARTED, "-pk"))


def _move(request, placement, step, now):
    picks = _ordered_picks(now)
    if placement not in picks:
        return
    index = picks.index(placement)
    other = index + step
    if 0 <= other < len(picks):
        picks[index], picks[other] = picks[other], picks[index]
    for position, pick in enumerate(picks):
        if pick.position != position:
            pick.position = position
            pick.save(update_fields=["position"])
    records.placement_changed(request, placement, "moved")


def _place(request, form, now):
    placement = form.save(commit=False)
    placement.created_by = request.user
    if placement.slot == Placement.Slot.PICK:
        last = Placement.objects.filter(slot=Placement.Slot.PICK).aggregate(last=Max("position"))["last"]
        placement.position = 0 if last is None else last + 1
    if placement.slot == Placement.Slot.HEADLINE and (placement.starts_at is None or placement.starts_at <= now):
        # A new Headline from now replaces the one readers see.
        for old in Placement.objects.filter(slot=Placement.Slot.HEADLINE).filter(running_at(now)):
            old.delete()
            records.placement_changed(request, old, "removed")
    placement.save()
    records.placement_changed(request, placement, "placed")
    return placement


def handle_post(request, now):
    """Apply one change; returns the bound form to show again when the input was refused."""
    action = request.POST.get("action")
    if action == "place":
        form = PlaceArticleForm(request.POST)
        if not form.is_valid():
            return form, None
        placement = _place(request, form, now)
        messages.success(request, _("“%(headline)s” is placed: %(slot)s.") % {"headline": placement.article.headline, "slot": placement.get_slot_display()})
    elif action == "breaking":
        form = BreakingNewsForm(request.POST)
        if not form.is_valid():
            return None, form
        bar = form.save(commit=False)
        bar.created_by = request.user
        bar.starts_at = now
        for old in BreakingNews.objects.filter(running_at(now)):
            old.clear()
            records.bar_changed(request, old, "cleared")
        bar.save()
        records.bar_changed(request, bar, "up")
        messages.success(request, _("The breaking-news bar is up until %(time)s.") % {"time": clock_time(bar.expires_at)})
    elif action == "clear":
        bar = get_object_or_404(BreakingNews, pk=request.POST.get("bar"))
        bar.clear()
        records.bar_changed(request, bar, "cleared")
        messages.success(request, _("The breaking-news bar is cleared."))
    elif action in ("remove", "up", "down"):
        placement = get_object_or_404(Placement, pk=request.POST.get("placement"))
        if action == "remove":
            placement.delete()
            records.placement_changed(request, placement, "removed")
            messages.success(request, _("“%(headline)s” left its slot; the newest story takes it.") % {"headline": placement.article.headline})
        else:
            _move(request, placement, -1 if action == "up" else 1, now)
    return None, None


def front_page_screen(model_admin, request):
    now = timezone.now()
    place_form, breaking_form = None, None
    if request.method == "POST" and request.POST.get("action") in ACTIONS:
        with transaction.atomic():
            place_form, breaking_form = handle_post(request, now)
        if place_form is None and breaking_form is None:
            return HttpResponseRedirect(request.path)
    headline, picks = slot_rows(now)
    live_bar = BreakingNews.objects.live(now).select_related("article").order_by(LATEST_STARTED, "-pk").first()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Front page"),
        "opts": model_admin.model._meta,
        "headline": headline,
        "picks": picks,
        "waiting": waiting_placements(now),
        "pins": Placement.objects.live(now).filter(slot=Placement.Slot.SECTION).select_related("article", "article__section"),
        "live_bar": live_bar,
        "place_form": place_form or PlaceArticleForm(),
        "breaking_form": breaking_form or BreakingNewsForm(),
    }
    context["media"] = model_admin.media + context["place_form"].media
    return TemplateResponse(request, "admin/desk/front_page.html", context)

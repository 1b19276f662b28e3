"""Demo curation for `load_demo`: a Headline and two picks that are not simply the newest stories."""

from articles.models import Article

from .models import Placement


def load_demo_placements():
    """Place demo stories once (nothing is placed when any placement exists). Returns how many were made."""
    if Placement.objects.exists():
        return 0
    live = list(Article.objects.published().order_by("-publish_at", "-pk")[:8])
    if len(live) < 6:
        return 0
    # The fourth newest leads and the last two of these are picks, so the demo shows slots that an editor chose.
    Placement.objects.create(article=live[3], slot=Placement.Slot.HEADLINE)
    Placement.objects.create(article=live[7], slot=Placement.Slot.PICK, position=0)
    Placement.objects.create(article=live[5], slot=Placement.Slot.PICK, position=1)
    return 3

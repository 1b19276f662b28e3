"""
The workflow moves the article form offers as buttons, named for what they
do. Each sets the status the form saves; Article.check_transition (through
ArticleAdminForm.clean) still decides whether the user may make it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from articles.models import Article

Status = Article.Status


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    target: str


REVIEW = Move("review", _("Submit for review"), Status.REVIEW)
PUBLISH = Move("publish", _("Publish"), Status.PUBLISHED)
SCHEDULE = Move("schedule", _("Schedule…"), Status.PUBLISHED)
RETURN = Move("return", _("Return to writer"), Status.DRAFT)
MOVES = {move.name: move for move in (REVIEW, PUBLISH, SCHEDULE, RETURN)}


def available_moves(article, user):
    """The buttons `user` gets on `article`'s form, in the order shown."""
    may_publish = user.has_perm("articles.publish_article")
    if not article.can_edit(user):
        return []
    moves = []
    if not may_publish and article.status in (Status.DRAFT, Status.UNPUBLISHED):
        moves.append(REVIEW)
    if may_publish and (article.status != Status.PUBLISHED or article.is_scheduled):
        moves += [PUBLISH, SCHEDULE]
    if may_publish and article.status == Status.REVIEW:
        moves.append(RETURN)
    return moves


def inferred_move(old_status, new_status, publish_at, now, *, time_changed=False):
    """
    The move a plain status change amounts to, so a change made with the
    status menu is treated like the button; a scheduled article given a new
    time is scheduled again.
    """
    rescheduled = new_status == Status.PUBLISHED and time_changed and publish_at and publish_at > now
    if old_status == new_status and not rescheduled:
        return None
    if new_status == Status.REVIEW:
        return REVIEW
    if new_status == Status.PUBLISHED:
        return SCHEDULE if publish_at and publish_at > now else PUBLISH
    if new_status == Status.DRAFT and old_status == Status.REVIEW:
        return RETURN
    return None

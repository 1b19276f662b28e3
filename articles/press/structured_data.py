"""What the press records add to an article's NewsArticle JSON-LD."""

from django.utils.translation import gettext as _

from articles.dates import iso_datetime

from .labels import PaidKind
from .queries import corrections_of, verification_of


def press_structured_data(article):
    """
    Extra NewsArticle properties: corrections as schema.org `correction`
    (CorrectionComment), an unverified story's status, and paid content as
    an AdvertiserContentArticle marked "sponsored". Uses the relations
    loaded by articles.press.queries.with_press_relations().
    """
    data = {}
    corrections = corrections_of(article)
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "name": correction.kind_label,
                "text": correction.text,
                "datePublished": iso_datetime(correction.published_at),
            }
            for correction in corrections
        ]
    verification = verification_of(article)
    if verification is not None and verification.is_unverified:
        data["creativeWorkStatus"] = "Unverified"
        data["backstory"] = _("This story has not yet been fully verified.")
    if article.paid_kind:
        data["@type"] = "AdvertiserContentArticle"
        data["genre"] = "sponsored"
        data["additionalType"] = str(PaidKind(article.paid_kind).label)
    return data

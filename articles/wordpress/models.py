from django.contrib.flatpages.models import FlatPage
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Image


class ImportedItem(models.Model):
    """
    One WordPress post, page or attachment that import_wordpress brought
    in, and what became of it: the identity that makes a second run of the
    same export change nothing. `result_digest` fingerprints what the
    import made of the item, `site_digest` the article or page as the
    import left it, so a later run can tell an updated export (new result)
    from editors' work on the site (changed site), which it never overwrites.
    """

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        ATTACHMENT = "attachment", _("Attachment")

    site = models.CharField(_("old site"), max_length=200, help_text=_("The WordPress site's address, e.g. lama.example.id."))
    post_id = models.PositiveBigIntegerField(_("WordPress ID"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    page = models.ForeignKey(FlatPage, verbose_name=_("static page"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    result_digest = models.CharField(_("import digest"), max_length=64, blank=True)
    site_digest = models.CharField(_("site digest"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [models.UniqueConstraint(fields=["site", "post_id"], name="wordpress_item_unique_site_post")]

    def __str__(self):
        return f"{self.site} {self.kind} {self.post_id}"

"""The picture library's model; uploads, renditions and their admin live in articles/media/."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_image_file


class Image(models.Model):
    """
    An uploaded picture with the text that must travel with it. The file is
    the upload re-encoded from its pixels (articles.media.processing);
    `renditions` lists the resized copies readers get (articles.media).
    """

    file = models.ImageField(
        _("file"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        help_text=_("JPEG, PNG, WebP or GIF; at most 10 MB and 50 megapixels."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the picture shows for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=_("Photographer or agency, e.g. “Antara/Budi Santoso”."))
    focal_x = models.FloatField(_("focal point (across)"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)])
    focal_y = models.FloatField(
        _("focal point (down)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Click the picture to set the point that crops keep, e.g. a face."),
    )
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption or self.alt_text

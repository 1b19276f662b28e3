from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.Model):
    """
    A generation stamp kept in the database: used when the cache belongs to
    one process only (local memory), so that every process sees every bump.
    See generations.py.
    """

    name = models.CharField(_("name"), max_length=255, primary_key=True)
    stamp = models.CharField(_("stamp"), max_length=32)

    class Meta:
        verbose_name = _("page generation")
        verbose_name_plural = _("page generations")

    def __str__(self):
        return f"{self.name}: {self.stamp}"

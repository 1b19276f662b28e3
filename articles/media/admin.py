from django.contrib import admin
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..admin_input import HandMadeInputMixin
from ..models import Article, Image, Person
from . import store
from .forms import ImageAdminForm
from .templatetags.pictures import fallback_source


def thumbnail_url(image):
    sources = (image.renditions or {}).get("sources")
    if not sources:
        return image.file.url if image.file else ""
    return image.file.storage.url(sources[0]["webp"])


@admin.register(Image)
class ImageAdmin(HandMadeInputMixin, admin.ModelAdmin):
    """The image library: thumbnails, search over alt text, caption and credit, and where each picture is used."""

    form = ImageAdminForm
    list_display = ["thumbnail", "__str__", "credit", "size", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["focal_point", "size", "used_in"]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
        (_("Crop"), {"fields": ["focal_point", "focal_x", "focal_y", "size"]}),
        (_("Used in"), {"fields": ["used_in"]}),
    ]
    list_per_page = 40

    class Media:
        css = {"all": ["media/admin.css"]}
        js = ["media/focal_point.js"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        moved = {"focal_x", "focal_y"} & set(form.changed_data)
        if form.picture is not None or moved or not change:
            store.save_image(obj, form.picture)
        else:
            obj.save()

    def delete_model(self, request, obj):
        store.delete_images([obj])

    def delete_queryset(self, request, queryset):
        store.delete_images(queryset)

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        url = thumbnail_url(obj)
        return format_html('<img class="image-thumb" src="{}" alt="" loading="lazy">', url) if url else ""

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width}×{obj.height}" if obj.width else "–"

    @admin.display(description=_("focal point"))
    def focal_point(self, obj):
        if obj is None or not obj.pk or not obj.file:
            return _("Save the picture first, then click it here to choose what crops keep.")
        sources = (obj.renditions or {}).get("sources")
        url = obj.file.storage.url(fallback_source(obj)["jpeg"]) if sources else obj.file.url
        return render_to_string("admin/media/focal_point.html", {"url": url, "image": obj})

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        if obj is None or not obj.pk:
            return "–"
        articles = Article.objects.filter(Q(lead_image=obj) | Q(body__contains=f'data-image="{obj.pk}"')).only("pk", "headline")[:50]
        people = Person.objects.filter(photo=obj).only("pk", "name")
        return render_to_string("admin/media/used_in.html", {"articles": articles, "people": people})

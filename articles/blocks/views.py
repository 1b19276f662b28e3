"""
The JSON the body editor asks for: pictures from the library (and uploads
made on the spot), published articles for "Baca juga", and whether an embed
address is one we know. Staff only, each behind the permission it needs.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..media.admin import thumbnail_url
from ..media.processing import decode_upload
from ..media.store import save_image
from ..media.templatetags.pictures import jpeg_url
from ..models import Article, Image
from .embeds import recognise

RESULTS = 24


def refused(message, status=400):
    return JsonResponse({"error": str(message)}, status=status)


def needs(perm):
    def decorate(view):
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                return refused(_("You do not have permission to do this."), status=403)
            return view(request, *args, **kwargs)

        return staff_member_required(wrapped)

    return decorate


def picture_data(image):
    return {
        "id": image.pk,
        "src": jpeg_url(image, 640),
        "thumb": thumbnail_url(image),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
    }


@require_GET
@needs("articles.view_image")
def pictures(request):
    term = request.GET.get("q", "").strip()[:100]
    images = Image.objects.all()
    if term:
        images = images.filter(Q(alt_text__icontains=term) | Q(caption__icontains=term) | Q(credit__icontains=term))
    return JsonResponse({"results": [picture_data(image) for image in images[:RESULTS]]})


@require_POST
@needs("articles.add_image")
def upload_picture(request):
    upload = request.FILES.get("file")
    alt_text = request.POST.get("alt_text", "").strip()[:250]
    if upload is None:
        return refused(_("Choose a picture to upload."))
    if not alt_text:
        return refused(_("Describe the picture for readers who cannot see it (alternative text)."))
    try:
        picture = decode_upload(upload)
    except ValidationError as exc:
        return refused(" ".join(exc.messages))
    image = Image(
        alt_text=alt_text,
        caption=request.POST.get("caption", "").strip()[:500],
        credit=request.POST.get("credit", "").strip()[:200],
        created_by=request.user,
    )
    save_image(image, picture)
    return JsonResponse(picture_data(image), status=201)


@require_GET
@needs("articles.view_article")
def articles(request):
    term = request.GET.get("q", "").strip()[:100]
    found = Article.objects.published().only("pk", "slug", "headline", "publish_at")
    if term:
        found = found.filter(headline__icontains=term)
    return JsonResponse(
        {"results": [{"id": a.pk, "headline": a.headline, "url": a.get_absolute_url()} for a in found[:RESULTS]]}
    )


@require_GET
@needs("articles.view_article")
def embed(request):
    found = recognise(request.GET.get("url", ""))
    if not found:
        return refused(_("This address cannot be embedded. Paste the address of a YouTube video, an X post, an Instagram post or a TikTok video."))
    provider, url = found
    return JsonResponse({"provider": provider.key, "name": provider.name, "url": url})

"""
Uploaded files, when Django itself serves them (DEBUG only; in production
the web server does, configured as the README says).

Pictures are re-encoded under the extension of their real format before
they are stored (articles/media/processing.py), so no upload is HTML or SVG.
This view makes sure of it on the way out too: anything that is not one of
the raster image types is sent as an attachment of type
application/octet-stream, never rendered, and every file carries nosniff
and a sandboxing Content-Security-Policy.
"""

from django.views.static import serve

SAFE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def serve_upload(request, path, document_root=None):
    response = serve(request, path, document_root=document_root)
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in SAFE_TYPES:
        response.headers["Content-Type"] = "application/octet-stream"
        response.headers["Content-Disposition"] = "attachment"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX
    return response

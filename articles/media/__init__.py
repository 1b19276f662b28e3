"""
Pictures: uploads decoded, oriented, stripped of metadata and re-encoded;
renditions at fixed widths in WebP and JPEG plus a social crop; the
responsive <picture> markup readers get; the image library in the admin.
"""

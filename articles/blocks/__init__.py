"""
The body editor and the newsroom blocks inside a body: Picture, "Baca juga"
and Embed. Blocks are stored as small, sanitizer-safe HTML elements
(markup.py) and turned into what readers see when a page is rendered, so a
withdrawn article's "Baca juga" box or a deleted picture disappears without
touching the bodies that hold them.
"""

"""
The desk: what editors put on the front page and above it.

Placements (the Headline, the ordered "Pilihan Editor" and a story pinned at
the top of its section) and the breaking-news bar, each with an optional
start and expiry. A nested app with its own label and migrations; the
readers' views ask `front` for what to show.
"""

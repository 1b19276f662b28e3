"""
Terpopuler: the most-read stories of the last 24 hours, counted on our own
server, with no cookie, no IP address and no identifier of any reader.

- counting.py: each anonymous view of a live article (cache hits included)
  adds one to a counter in the server process's memory; every FLUSH_SECONDS
  a process adds its counters to the database in one statement.
- ranking.py: the top stories, recomputed at most every RANKING_SECONDS and
  always filtered through published() when shown, so a withdrawn story
  leaves the block at once.
"""

"""
Full-text search over published articles, on PostgreSQL and on SQLite.

    from articles.search.results import search
    results = search("menyerang", section=..., published_from=..., published_until=...)
    results.total          the published articles that match, counted up
                           to one more than results.limit (results.capped)
    results[0:20]          the best of them, each with search_headline and
                           search_snippet (matches in <mark>, all else escaped)

The pieces:

    models     SearchDocument, the stored search document (table
               articles_searchdocument, created by articles' migration
               0003_search; this app took it over state-only)
    stemming   Indonesian words to index terms (Sastrawi), used for both
               the stored documents and the queries
    query      what a reader typed, parsed web-search style
    document   the stemmed, weighted search document of an article
    index      storing one article's document; rebuilding them all
    backends   postgres: tsvector + GIN index, to_tsquery('simple'), ts_rank
               sqlite: contentless FTS5 table kept by triggers, its rowid
               ordered by publish time (search/0002), bm25()
    results    search(): the ranked, paged matches of a query
    highlight  <mark>ed headlines and snippets from the original text
    forms      the reader's search form
    views      the search page (/cari/)
    management/commands/rebuild_search_index

The backend is chosen by the database in use; both see the same stemmed
text and the same parsed query, so they find the same articles.

Ranking is relevance (where and how often the words occur, headline first)
times a boost for recent stories, computed for the newest CANDIDATES
matches (settings.SEARCH_CANDIDATES). Scoring or counting every match of
a very common word would cost time in proportion to the archive; a reader
who gets more matches than that reads "more than 1000", sees the best of
the newest and is told to narrow the search (another word, a section,
dates), which also reaches older stories.
"""

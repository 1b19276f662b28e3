"""
Wire copy in and out: operators' tooling that writes only through Article's
public API.

    format     a wire file: reading, decoding, parsing, rendering the body
    importer   wire files into articles (identity, updates, "Baca juga")
    export     every article as JSON lines (export_articles)
    management/commands/import_articles, export_articles

An app without models: it is installed so that Django finds its commands.
"""

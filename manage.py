#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # The statement time limit protects web requests; commands (migrations,
    # index rebuilds, imports) may legitimately run long statements.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    # A command's standard output is its contract with scripts
    # (import_articles' lines); log records go to standard error. The
    # development server keeps standard output, as gunicorn does.
    if sys.argv[1:2] != ["runserver"]:
        os.environ.setdefault("LOG_STREAM", "stderr")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.roles import ROLES, permission_matrix_markdown, sync_roles


class Command(BaseCommand):
    """
    Create or repair the Reporter, Editor and Chief editor groups so their
    permissions match articles/roles.py. The first migration already does
    this; run it again after a deploy that changed the roles, or when
    someone edited the groups by hand. Running it twice changes nothing.
    """

    help = "Create the newsroom's role groups and set their permissions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, write nothing.")
        parser.add_argument("--matrix", action="store_true", help="Print what each role may do (Markdown, as in the README) and change nothing.")

    def handle(self, *args, dry_run=False, matrix=False, verbosity=1, **options):
        if matrix:
            self.stdout.write(permission_matrix_markdown())
            return
        with transaction.atomic():
            changed = sync_roles(apps, verbosity=verbosity, stdout=self.stdout)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            prefix = "Would update" if dry_run else "Updated"
            if changed:
                self.stdout.write(f"{prefix} {len(changed)} of {len(ROLES)} roles: {', '.join(changed)}")
            else:
                self.stdout.write(f"All {len(ROLES)} roles are up to date.")

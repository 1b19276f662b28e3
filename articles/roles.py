"""
The newsroom's roles as auth groups, and the permissions each one holds.

The data migration and `manage.py setup_roles` both call `sync_roles()`, so
the groups in the database always match this table. Object-level rules
(a reporter edits only their own drafts) live on Article.can_edit().
"""

REPORTER = "Reporter"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"

_REPORTER = {
    "articles": {
        "article": ["add", "change", "view", "preview"],
        "section": ["view"],
        "tag": ["view"],
        "person": ["view"],
        "image": ["add", "view"],
        "contribution": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
    },
}

_EDITOR = {
    "articles": {
        "article": ["add", "change", "delete", "view", "preview", "publish", "edit_others"],
        "section": ["view"],
        "tag": ["add", "change", "delete", "view"],
        "person": ["view"],
        "image": ["add", "change", "delete", "view"],
        "contribution": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
    },
    # Press-council records (articles/press): only the chief editor takes down.
    "press": {
        "correction": ["add", "view"],
        "rightofreply": ["add", "change", "delete", "view"],
        "verification": ["add", "change", "delete", "view"],
        "takedown": ["view"],
    },
    "flatpages": {"flatpage": ["add", "change", "view"]},
    "redirects": {"redirect": ["view"]},
}

_CHIEF_EDITOR = {
    "articles": {
        **_EDITOR["articles"],
        "section": ["add", "change", "delete", "view"],
        "person": ["add", "change", "delete", "view"],
    },
    "auth": {
        "user": ["add", "change", "delete", "view"],
        "group": ["view"],
    },
    "audit": {
        "auditentry": ["view"],
    },
    "editorial": {
        # "*": codenames given whole (they belong to no single model's verbs).
        "*": ["view_deleted_history", "delete_published_article"],
    },
    "press": {
        **_EDITOR["press"],
        "takedown": ["add", "view"],
    },
    "flatpages": {"flatpage": ["add", "change", "delete", "view"]},
    "redirects": {"redirect": ["add", "change", "delete", "view"]},
}

ROLES = {REPORTER: _REPORTER, EDITOR: _EDITOR, CHIEF_EDITOR: _CHIEF_EDITOR}


def _codename(action, model):
    # Custom permissions are named "<verb>_article"; built-ins "<verb>_<model>";
    # under "*" the codename is given whole.
    if model == "*":
        return action
    return f"{action}_{model}"


def _in_state(apps, app_label, model):
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


def sync_roles(apps, verbosity=0, stdout=None):
    """
    Create the role groups and set their permissions exactly to ROLES.
    Safe to run any number of times. Returns the names of changed groups.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups
    # need them now, so create them for every installed app first.
    for app_config in apps.get_app_configs():
        stub = getattr(app_config, "models_module", None) is None  # migration-state apps
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if stub:
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    changed = []
    for name, grants in ROLES.items():
        wanted = set()
        for app_label, models in grants.items():
            for model, actions in models.items():
                for action in actions:
                    codename = _codename(action, model)
                    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                    if perm is None and model != "*" and not _in_state(apps, app_label, model):
                        # That app's tables come in a later migration, which
                        # syncs the roles again (e.g. press 0002_roles).
                        continue
                    if perm is None:
                        raise LookupError(f"Permission {app_label}.{codename} does not exist")
                    wanted.add(perm.pk)
        group, created = Group.objects.get_or_create(name=name)
        current = set(group.permissions.values_list("pk", flat=True))
        if created or current != wanted:
            group.permissions.set(wanted)
            changed.append(name)
            if stdout and verbosity:
                stdout.write(f"{'Created' if created else 'Updated'} group {name!r} ({len(wanted)} permissions)")
    return changed

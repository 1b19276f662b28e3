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
    # Every permission in one query rather than one per grant: this runs in
    # several migrations and after each flush (every transactional test).
    # In Permission's own ordering, keeping the first of each name, as
    # .filter(...).first() would.
    permissions = {}
    for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename"):
        permissions.setdefault((app_label, codename), pk)
    changed = []
    for name, grants in ROLES.items():
        wanted = set()
        for app_label, models in grants.items():
            for model, actions in models.items():
                for action in actions:
                    codename = _codename(action, model)
                    perm = permissions.get((app_label, codename))
                    if perm is None and model != "*" and not _in_state(apps, app_label, model):
                        # That app's tables come in a later migration, which
                        # syncs the roles again (e.g. press 0002_roles).
                        continue
                    if perm is None:
                        raise LookupError(f"Permission {app_label}.{codename} does not exist")
                    wanted.add(perm)
        group, created = Group.objects.get_or_create(name=name)
        current = set(group.permissions.values_list("pk", flat=True))
        if created or current != wanted:
            group.permissions.set(wanted)
            changed.append(name)
            if stdout and verbosity:
                stdout.write(f"{'Created' if created else 'Updated'} group {name!r} ({len(wanted)} permissions)")
    return changed


# --- The permission matrix ---------------------------------------------------
# What each role may do, as the README prints it and tests/test_permission_matrix.py
# proves over HTTP. Each action names the permission that decides it; who may
# is read from ROLES above, so the table cannot drift from the groups.
ANONYMOUS = "Anonymous"
ACTIONS = [
    # key, label, permission ("app_label.codename")
    ("view_draft", "View a draft at its address", "articles.preview_article"),
    ("edit_own", "Edit own draft", "articles.change_article"),
    ("edit_others", "Edit others' articles", "articles.edit_others_article"),
    ("submit", "Submit for review", "articles.change_article"),
    ("publish", "Publish", "articles.publish_article"),
    ("schedule", "Schedule", "articles.publish_article"),
    ("unpublish", "Unpublish (withdraw)", "articles.publish_article"),
    ("take_down", "Take down (410 Gone)", "press.add_takedown"),
    ("delete", "Delete an article", "articles.delete_article"),
    ("sections", "Manage sections", "articles.add_section"),
    ("people", "Manage people", "articles.add_person"),
    ("users", "Manage user accounts", "auth.add_user"),
    ("roles", "Manage roles (groups)", "auth.add_group"),
    ("audit_log", "Read the audit log", "audit.view_auditentry"),
    ("preview_links", "Share a preview link", "articles.preview_article"),
]


def role_permissions(role):
    """Every permission a role's group holds, as "app_label.codename"."""
    return {
        f"{app_label}.{_codename(action, model)}"
        for app_label, models in ROLES.get(role, {}).items()
        for model, actions in models.items()
        for action in actions
    }


def role_may(role, action_key):
    permission = next(permission for key, _label, permission in ACTIONS if key == action_key)
    return permission in role_permissions(role)


def permission_matrix_markdown():
    """The matrix as a Markdown table (README, `manage.py setup_roles --matrix`)."""
    roles = [ANONYMOUS, *ROLES]
    lines = ["| action | " + " | ".join(roles) + " |", "|---|" + "---|" * len(roles)]
    for key, label, _permission in ACTIONS:
        cells = ["yes" if role_may(role, key) else "–" for role in roles]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)

"""The "Editors" group: exactly what editors need, and no user or permission administration."""

EDITORS_GROUP = "Editors"

# app label -> models editors may view, add, change and delete.
EDITOR_MODELS = {
    "documents": ["document", "section", "theme", "period"],
    "taggit": ["tag", "taggeditem"],
}


def editor_permission_codenames() -> list[tuple[str, str]]:
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in EDITOR_MODELS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]


def ensure_editors_group(*, group_model, permission_model):
    """Create or refresh the Editors group with exactly the editor permissions."""
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    wanted = [
        permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in editor_permission_codenames()
    ]
    group.permissions.set(wanted)
    return group

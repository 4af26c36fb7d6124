from django.contrib.auth.management import create_permissions
from django.db import migrations

from documents.roles import ensure_editors_group


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to grant them.
    for app_label in ("documents", "taggit"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editors_group(group_model=apps.get_model("auth", "Group"),
                         permission_model=apps.get_model("auth", "Permission"))


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_section_search"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="TagRedirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "old_slug",
                    models.SlugField(
                        allow_unicode=True,
                        help_text="The address of the tag that no longer exists under this slug.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, help_text="When the tag was merged or renamed.")),
                (
                    "tag",
                    models.ForeignKey(
                        help_text="The tag that the old address now leads to.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redirects",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={"ordering": ["old_slug"]},
        ),
    ]

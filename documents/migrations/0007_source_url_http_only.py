"""A source URL is an http(s) address (documents/validators.py), whichever way it is entered.

Only validation changes; no column does. Rows stored before this rule are not rewritten: a
template links a source URL only through the ``http_url`` filter, so an old ``javascript:``
value shows as text, never as a link, until an editor corrects it.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_section_visible_from'),
    ]

    operations = [
        migrations.AlterField(
            model_name='document',
            name='source_url',
            field=models.URLField(blank=True, help_text='Where the original was published: an http:// or https:// address.', max_length=1000, validators=[django.core.validators.URLValidator(message='Enter a web address that starts with http:// or https://.', schemes=['http', 'https'])]),
        ),
    ]

import django.core.validators
from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    # The shared cache's table when REDIS_URL is not set (a no-op with Redis, and when it exists).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0006_search_at_scale"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="meeting",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, validators=[django.core.validators.URLValidator(message="Enter a web address starting with http:// or https://.", schemes=["http", "https"])], verbose_name="source link"),
        ),
        migrations.AlterField(
            model_name="statement",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, validators=[django.core.validators.URLValidator(message="Enter a web address starting with http:// or https://.", schemes=["http", "https"])], verbose_name="source link"),
        ),
    ]

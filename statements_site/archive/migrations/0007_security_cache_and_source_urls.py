from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The shared cache's table when REDIS_URL is not set (a no-op with Redis, and when it exists).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0006_search_at_scale"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]

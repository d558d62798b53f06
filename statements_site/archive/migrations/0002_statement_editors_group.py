"""The "Statement editors" group: exactly what staff need to load and correct statements.

Editors add and change everything a statement hangs on, and may remove paragraphs, agenda
items and alternate names while correcting. They cannot delete statements, meetings, bodies
or delegations: permalinks point at those, so withdrawing a statement means unpublishing it.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Statement editors"
EDITOR_PERMISSIONS = {
    "body": ["add", "change", "view"],
    "meeting": ["add", "change", "view"],
    "agendaitem": ["add", "change", "delete", "view"],
    "delegation": ["add", "change", "view"],
    "delegationalias": ["add", "change", "delete", "view"],
    "statement": ["add", "change", "view"],
    "paragraph": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group.permissions.set(Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

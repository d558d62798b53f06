"""Statement editors also work the problem-report queue and can read versions and old addresses."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "problemreport": ["change", "view"],
    "statementrevision": ["view"],
    "retiredparagraph": ["view"],
    "slughistory": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Statement editors")
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    for group in Group.objects.filter(name="Statement editors"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_corrections")]

    operations = [migrations.RunPython(grant, revoke)]

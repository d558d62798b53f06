"""Speakers as people (their names as written and roles) and the UN documents paragraphs cite.

Existing statements are linked afterwards by `manage.py link_speakers` and `manage.py link_documents`
(commands, not data steps here: they use the matching code as it is when they run)."""
import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations, models

EDITOR_PERMISSIONS = {
    "person": ["add", "change", "view"],
    "personname": ["add", "change", "delete", "view"],
    "personrole": ["add", "change", "delete", "view"],
    "documentmention": ["view"],
}


def codenames():
    return [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]


def grant(apps, schema_editor):
    """Statement editors review the people imports propose, and merge them."""
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Statement editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="archive", codename__in=codenames()))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Statement editors"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="archive", codename__in=codenames()))


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0014_alerts_and_changes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Given names first: “Safa Shabat”.', max_length=200)),
                ('name_key', models.CharField(db_index=True, editable=False, max_length=200)),
                ('honorific', models.CharField(blank=True, help_text='As usually written: “Ms.”, “H.E.”.', max_length=40)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('status', models.CharField(choices=[('proposed', 'Proposed by an import, to review'), ('confirmed', 'Confirmed')], default='proposed', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name_plural': 'people',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='PersonName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('key', models.CharField(db_index=True, editable=False, max_length=200)),
            ],
            options={
                'verbose_name': 'name as written',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='PersonRole',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('start_year', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('end_year', models.PositiveSmallIntegerField(blank=True, help_text='Empty while the role is held.', null=True)),
            ],
            options={
                'ordering': ['person', '-start_year', 'pk'],
            },
        ),
        migrations.AlterField(
            model_name='slughistory',
            name='kind',
            field=models.CharField(choices=[('body', 'Body'), ('meeting', 'Meeting'), ('delegation', 'Delegation'), ('person', 'Person')], max_length=12),
        ),
        migrations.CreateModel(
            name='DocumentMention',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('symbol', models.CharField(max_length=120)),
                ('written', models.CharField(help_text='The words as the paragraph writes them.', max_length=200)),
                ('paragraph', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='document_mentions', to='archive.paragraph')),
            ],
            options={
                'ordering': ['paragraph', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='statement',
            name='person',
            field=models.ForeignKey(blank=True, help_text="The speaker as a person; matched from the speaker's name at import.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='statements', to='archive.person'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['person', 'status'], name='statement_person_idx'),
        ),
        migrations.AddField(
            model_name='personname',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='names', to='archive.person'),
        ),
        migrations.AddField(
            model_name='personrole',
            name='delegation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='archive.delegation'),
        ),
        migrations.AddField(
            model_name='personrole',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='archive.person'),
        ),
        migrations.AddIndex(
            model_name='documentmention',
            index=models.Index(fields=['symbol', 'paragraph'], name='document_mention_symbol_idx'),
        ),
        migrations.AddConstraint(
            model_name='documentmention',
            constraint=models.UniqueConstraint(fields=('paragraph', 'symbol'), name='document_mention_once_per_paragraph'),
        ),
        migrations.AddConstraint(
            model_name='personname',
            constraint=models.UniqueConstraint(fields=('person', 'name'), name='person_name_unique_per_person'),
        ),
        migrations.AddConstraint(
            model_name='personrole',
            constraint=models.CheckConstraint(condition=models.Q(('end_year__isnull', True), ('start_year__isnull', True), ('end_year__gte', models.F('start_year')), _connector='OR'), name='person_role_ends_after_it_starts', violation_error_message='A role cannot end before it starts.'),
        ),
        migrations.RunPython(grant, revoke),
    ]

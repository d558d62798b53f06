"""Language versions: a statement row can be the version of another in a second language (version_of).

Lists and counts read published originals only, so version_of joins the end of the statement indexes
they use, which stay covering (see Statement.Meta).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0011_multilingual_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='statement',
            name='version_of',
            field=models.ForeignKey(blank=True, db_index=False, help_text='The original statement, when this text is its version in another language.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='language_versions', to='archive.statement', verbose_name='language version of'),
        ),
        migrations.AddConstraint(
            model_name='statement',
            constraint=models.UniqueConstraint(condition=models.Q(('version_of__isnull', False)), fields=('version_of', 'language'), name='statement_one_version_per_language', violation_error_message='This statement already has a version in that language.'),
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_meeting_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_delegation_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_on_behalf_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_year_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_language_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_kind_idx',
        ),
        migrations.RemoveIndex(
            model_name='statement',
            name='statement_version_idx',
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['meeting', 'status', 'position', 'version_of'], name='statement_meeting_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['delegation', 'status', 'year', 'version_of'], name='statement_delegation_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['on_behalf_of', 'status', 'version_of'], name='statement_on_behalf_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['status', 'year', 'version_of'], name='statement_year_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['status', 'language', 'version_of'], name='statement_language_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['status', 'kind', 'version_of'], name='statement_kind_idx'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['status', 'version', 'version_of'], name='statement_version_idx'),
        ),
        # The planner's statistics for the new indexes: without them SQLite read a meeting's
        # statements 15 times slower until the next ANALYZE.
        migrations.RunSQL("ANALYZE archive_statement", reverse_sql=migrations.RunSQL.noop),
    ]

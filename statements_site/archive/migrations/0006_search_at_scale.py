"""Indexes for search and browse at archive scale (see the comments in models.py)."""
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_editors_corrections_permissions")]

    operations = [
        migrations.AddIndex(
            model_name="paragraph",
            index=models.Index(fields=["id", "statement"], name="paragraph_statement_cover_idx"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["updated"], name="statement_updated_idx"),
        ),
    ]

"""Portuguese becomes a statement language of its own (it was stored as "other").

Only the choices change: no column or index moves. Statements imported before as "other" keep that
language until staff set it; saving the new language re-indexes their paragraphs with Portuguese stems."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0015_people_and_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='statement',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('fr', 'French'), ('es', 'Spanish'), ('ar', 'Arabic'), ('ru', 'Russian'), ('zh', 'Chinese'), ('pt', 'Portuguese'), ('other', 'Other')], default='en', max_length=8),
        ),
    ]

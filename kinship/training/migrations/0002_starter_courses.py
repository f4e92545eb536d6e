"""Data: the starter mentor and facilitator courses from kinship/training/content.

Keyed on (course, slug), so running it on a database that already has modules
only brings their text up to date; progress is never touched. Later changes to
the files are loaded with ``manage.py training_load``.
"""

from django.db import migrations


def starter_courses_load(apps, schema_editor):
    from kinship.training.loading import courses_read, modules_load

    module_model = apps.get_model("training", "TrainingModule")
    modules_load(module_model, courses_read())


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_modules_and_progress"),
    ]

    operations = [
        migrations.RunPython(starter_courses_load, migrations.RunPython.noop),
    ]

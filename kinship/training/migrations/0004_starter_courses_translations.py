"""Data: the translations of the starter courses, from
kinship/training/content/<language>/<course>.json.

The same loader as 0002, keyed on (course, slug): the English modules' text is
brought up to date too and progress is never touched. Later changes to the
files are loaded with ``manage.py training_load``.
"""

from django.db import migrations


def starter_courses_translations_load(apps, schema_editor):
    from kinship.training.loading import courses_read, modules_load

    module_model = apps.get_model("training", "TrainingModule")
    modules_load(module_model, courses_read())


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_trainingmodule_translations"),
    ]

    operations = [
        migrations.RunPython(
            starter_courses_translations_load, migrations.RunPython.noop
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    """Notifications kept as a text key and values, rendered in the reader's
    language (schema: the new columns; rows stored before keep their words)."""

    dependencies = [
        ("notifications", "0005_clinic_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="text",
            field=models.CharField(
                default="notifications.as_written", max_length=64, verbose_name="text"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
    ]

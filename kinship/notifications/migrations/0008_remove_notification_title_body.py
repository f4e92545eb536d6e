from django.db import migrations


class Migration(migrations.Migration):
    """Schema: the sentences are gone from the table; titles and bodies are
    rendered from the text key and values."""

    dependencies = [
        ("notifications", "0007_notifications_as_written"),
    ]

    operations = [
        migrations.RemoveField(model_name="notification", name="title"),
        migrations.RemoveField(model_name="notification", name="body"),
    ]

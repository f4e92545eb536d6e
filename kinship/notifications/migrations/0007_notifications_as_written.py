from django.db import migrations

AS_WRITTEN = "notifications.as_written"


def forward(apps, schema_editor):
    """Rows stored as sentences keep them word for word: they were written in
    one language and cannot be put into another."""
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "title", "body").iterator():
        Notification.objects.filter(pk=row.pk).update(
            text=AS_WRITTEN, params={"title": row.title, "body": row.body}
        )


def backward(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "params").iterator():
        if row.text == AS_WRITTEN:
            Notification.objects.filter(pk=row.pk).update(
                title=row.params.get("title", "")[:200], body=row.params.get("body", "")
            )


class Migration(migrations.Migration):
    """Data: existing notifications become the as-written text."""

    dependencies = [
        ("notifications", "0006_notification_text_params"),
    ]

    operations = [migrations.RunPython(forward, backward)]

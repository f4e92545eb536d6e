"""Data: the stable key of each starter strategy of 0002, for its translations.

The starter strategies were written by 0002 under these English titles; the keys
are frozen here and never change when a title or a translation does. Only rows
of the starter set (``starter=True``, no author) get a key; the reverse takes
the keys away.
"""

from django.db import migrations

STARTER_KEYS = {
    "Urge surfing": "urge-surfing",
    "The HALT check": "halt-check",
    "5-4-3-2-1 grounding": "grounding-5-4-3-2-1",
    "Delay, distract, decide": "delay-distract-decide",
    "Play the tape forward": "play-the-tape-forward",
    "Call someone from my list": "call-someone-from-my-list",
    "Box breathing": "box-breathing",
    "A sleep wind-down routine": "sleep-wind-down",
    "Opposite action": "opposite-action",
    "A gratitude list": "gratitude-list",
    "My plan for leaving a high-risk situation": "leaving-a-high-risk-situation",
    "Pause before you reply": "pause-before-you-reply",
}


def starter_keys_fill(apps, schema_editor):
    Strategy = apps.get_model("recovery", "Strategy")
    for title, key in STARTER_KEYS.items():
        Strategy.objects.filter(
            starter=True, member=None, title=title, starter_key=None
        ).update(starter_key=key)


def starter_keys_remove(apps, schema_editor):
    Strategy = apps.get_model("recovery", "Strategy")
    Strategy.objects.filter(starter_key__in=STARTER_KEYS.values()).update(
        starter_key=None
    )


class Migration(migrations.Migration):
    dependencies = [("recovery", "0003_strategy_starter_key")]

    operations = [migrations.RunPython(starter_keys_fill, starter_keys_remove)]

"""WSGI entry point (gunicorn serves ``kinship.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship.settings")

application = get_wsgi_application()

# Read the ZIP code table when a server starts, not on its first search.
from kinship.core.geo import zip_centroids  # noqa: E402

zip_centroids()

"""WSGI entry point (gunicorn serves ``kinship.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship.settings")

application = get_wsgi_application()

# Read the ZIP code table when a server starts, not on its first search, then move
# everything loaded so far out of the garbage collector's sight: the table's
# ~375,000 objects otherwise made full collections pause requests for ~300 ms.
import gc  # noqa: E402

from kinship.core.geo import zip_centroids  # noqa: E402

zip_centroids()
gc.freeze()

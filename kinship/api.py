"""The JSON API at /api/v1/: each app's router mounted on one NinjaAPI."""

from ninja import NinjaAPI

from kinship.directory.api import router as directory_router

api = NinjaAPI(
    title="Kinship API",
    version="1",
    description="Public directory of peer support groups and meetings.",
    urls_namespace="api",
)
api.add_router("/", directory_router)

"""Pages of the recovery tools, one module per tool, each with its urlpatterns."""

"""Recovery tools' pages: check-ins, clocks and milestones, strategies, support."""

from .views import checkins, clocks, progress, strategies, support, warnings

app_name = "recovery"

urlpatterns = [
    *progress.urlpatterns,
    *checkins.urlpatterns,
    *clocks.urlpatterns,
    *strategies.urlpatterns,
    *support.urlpatterns,
    *warnings.urlpatterns,
]

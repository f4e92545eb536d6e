"""``{% site_nav as nav %}``: which navigation the header of this page shows."""

from __future__ import annotations

from typing import Any

from django import template

from kinship.core.navigation import SiteNav, site_nav_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context: template.Context) -> SiteNav:
    # A clinic page's view passes the staff row it let in (care.access.clinic_view):
    # that page shows its own organisation's clinic links.
    from kinship.care.models import OrganisationStaff

    staff: Any = context.get("staff")
    page_clinic_slug = ""
    if isinstance(staff, OrganisationStaff) and staff.active:
        page_clinic_slug = staff.organisation.slug
    return site_nav_for(context.get("request"), page_clinic_slug=page_clinic_slug)

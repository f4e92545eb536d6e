"""The new-group toolkit: the guided flow, a group's structure and team, approvals.

Included before the directory's URLs: ``groups/new/`` and ``groups/pending/``
would otherwise read as group slugs (the toolkit never gives a group those).
"""

from django.urls import URLPattern, path

from . import views, views_groups

app_name = "toolkit"

urlpatterns: list[URLPattern] = [
    path("groups/new/", views.group_new, name="group-new"),
    path(
        "groups/new/<int:draft_id>/remove/",
        views.draft_remove_view,
        name="draft-remove",
    ),
    path("groups/new/<int:draft_id>/<slug:step>/", views.draft_step, name="draft-step"),
    path("groups/pending/", views_groups.approvals, name="pending"),
    path(
        "groups/pending/<int:approval_id>/approve/",
        views_groups.approval_approve,
        name="approve",
    ),
    path(
        "groups/pending/<int:approval_id>/decline/",
        views_groups.approval_decline,
        name="decline",
    ),
    path(
        "groups/<slug:slug>/structure/",
        views_groups.group_structure,
        name="structure",
    ),
    path(
        "groups/<slug:slug>/structure/edit/",
        views_groups.group_structure_edit,
        name="structure-edit",
    ),
    path("groups/<slug:slug>/team/", views_groups.group_team, name="team"),
    path(
        "groups/<slug:slug>/team/<int:role_id>/remove/",
        views_groups.group_team_remove,
        name="team-remove",
    ),
]

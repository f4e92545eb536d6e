"""The group board, reports, moderation, and the grounding guide."""

from django.urls import path

from . import views

app_name = "facilitation"

urlpatterns = [
    path("groups/<slug:slug>/board/", views.board, name="board"),
    path("groups/<slug:slug>/board/post/", views.post_new, name="post-new"),
    path("groups/<slug:slug>/board/announce/", views.announce, name="announce"),
    path(
        "groups/<slug:slug>/board/<int:post_id>/report/",
        views.report_post,
        name="report-post",
    ),
    path(
        "groups/<slug:slug>/board/members/<int:member_id>/report/",
        views.report_member,
        name="report-member",
    ),
    path("groups/<slug:slug>/moderation/", views.moderation, name="moderation"),
    path(
        "groups/<slug:slug>/moderation/reports/<int:report_id>/",
        views.report_act,
        name="report-act",
    ),
    path(
        "groups/<slug:slug>/moderation/posts/<int:post_id>/hide/",
        views.post_hide_view,
        name="post-hide",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<int:member_id>/",
        views.member_act,
        name="member-act",
    ),
    path("moderation/actions/", views.staff_action_list, name="staff-actions"),
    path(
        "moderation/actions/<int:action_id>/reverse/",
        views.staff_action_reverse,
        name="action-reverse",
    ),
    path("guides/grounding/", views.grounding, name="grounding"),
]

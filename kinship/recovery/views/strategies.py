"""Pages of coping strategies: the searchable list (open to visitors for public
ones), one strategy with "this helped me" and "save to my notebook", writing and
editing one's own, and the member's notebook with their private notes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.confirm import Confirmation, confirm_page, confirmed
from kinship.core.http import safe_next
from kinship.members.access import (
    MemberHtmxRequest,
    MemberRequest,
    member_required,
    request_member,
)
from kinship.members.selectors import groups_of

from ..forms.strategies import (
    NotebookNoteForm,
    StrategyForm,
    StrategySearchForm,
    strategy_initial,
)
from ..selectors import strategies as read
from ..services import strategies as write

LIST_PAGE_SIZE = 25


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (``request.POST or None`` is not)."""
    return request.POST if request.method == "POST" else None


@require_GET
def strategy_list(request: HttpRequest) -> HttpResponse:
    member = request_member(request)
    tags = read.strategy_tags()
    form = StrategySearchForm(request.GET, tags=tags)
    form.is_valid()  # a search with a bad part still searches by the good ones
    found = read.strategy_search(
        member=member,
        text=form.cleaned_data.get("q", ""),
        tag_slugs=form.cleaned_data.get("tag", []),
    )
    page = Paginator(found, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "member": member,
        "query": query.urlencode(),
        "next": request.get_full_path(),
    }
    return render(request, "recovery/strategy_list.html", context)


@require_GET
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = request_member(request)
    strategy = read.access_strategy(member, pk)
    entry = read.notebook_entry_for(member, strategy)
    context = {
        "strategy": strategy,
        "member": member,
        "entry": entry,
        "note_form": NotebookNoteForm(initial={"note": entry.note if entry else ""}),
        "next": request.get_full_path(),
    }
    return render(request, "recovery/strategy_detail.html", context)


def _strategy_form_page(
    request: MemberRequest, *, strategy_id: int | None = None
) -> HttpResponse:
    """Writing a new strategy, or editing one's own: the same form."""
    member = request.member
    own = read.access_own_strategy(member, strategy_id) if strategy_id else None
    form = StrategyForm(
        _posted(request),
        tags=read.strategy_tags(),
        groups=groups_of(member),
        initial=strategy_initial(own) if own else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if own is None:
                saved = write.strategy_create(by=member, **form.service_arguments())
            else:
                saved = write.strategy_update(
                    by=member, strategy_id=own.pk, **form.service_arguments()
                )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Your strategy is saved. Thank you!"))
            return redirect("recovery:strategy-detail", saved.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "strategy": own}
    return render(request, "recovery/strategy_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def strategy_new(request: MemberRequest) -> HttpResponse:
    return _strategy_form_page(request)


@require_http_methods(["GET", "POST"])
@member_required
def strategy_edit(request: MemberRequest, pk: int) -> HttpResponse:
    return _strategy_form_page(request, strategy_id=pk)


def _remove_confirmation(request: MemberRequest, pk: int) -> Confirmation:
    strategy = read.access_own_strategy(request.member, pk)
    return Confirmation(
        title=_("Remove %(title)s?") % {"title": strategy.title},
        consequences=[
            _("Nobody sees your strategy any more, in the list or on its page."),
            _("Members who saved it keep their own notes on it."),
            _("You cannot bring it back: you would write it again."),
        ],
        action=reverse("recovery:strategy-remove", args=[pk]),
        button=_("Yes, remove my strategy"),
        cancel=reverse("recovery:strategy-detail", args=[pk]),
    )


@require_GET
@member_required
def strategy_remove_confirm(request: MemberRequest, pk: int) -> HttpResponse:
    return confirm_page(request, _remove_confirmation(request, pk))


@require_POST
@member_required
def strategy_remove(request: MemberRequest, pk: int) -> HttpResponse:
    read.access_own_strategy(request.member, pk)
    if not confirmed(request):
        return confirm_page(request, _remove_confirmation(request, pk), status=400)
    write.strategy_remove(by=request.member, strategy_id=pk)
    messages.success(request, _("Your strategy is removed."))
    return redirect("recovery:strategy-list")


@require_POST
@member_required
def strategy_helped(request: MemberHtmxRequest, pk: int) -> HttpResponse:
    helped = write.strategy_helped_toggle(by=request.member, strategy_id=pk)
    next_url = safe_next(request, reverse("recovery:strategy-detail", args=[pk]))
    if request.htmx:
        strategy = read.access_strategy(request.member, pk)
        context = {"strategy": strategy, "member": request.member, "next": next_url}
        return render(request, "recovery/strategy_helped.html", context)
    if helped:
        messages.success(request, _("Thank you: this helps others find it."))
    else:
        messages.success(request, _("Your “this helped me” mark is taken back."))
    return redirect(next_url)


@require_POST
@member_required
def strategy_save(request: MemberRequest, pk: int) -> HttpResponse:
    form = NotebookNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else request.POST.get("note")
    try:
        write.notebook_save(by=request.member, strategy_id=pk, note=note or "")
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("Saved in your notebook."))
    return redirect("recovery:strategy-detail", pk)


@require_GET
@member_required
def notebook(request: MemberRequest) -> HttpResponse:
    context = {"entries": read.notebook_of(request.member)}
    return render(request, "recovery/notebook_list.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def notebook_edit(request: MemberRequest, entry_id: int) -> HttpResponse:
    entry = read.access_notebook_entry(request.member, entry_id)
    form = NotebookNoteForm(_posted(request), initial={"note": entry.note})
    if request.method == "POST" and form.is_valid():
        try:
            write.notebook_update_note(
                by=request.member, entry_id=entry.pk, note=form.cleaned_data["note"]
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Your note is saved."))
            return redirect("recovery:notebook")
    status = 400 if form.errors else 200
    context = {"form": form, "entry": entry}
    return render(request, "recovery/notebook_form.html", context, status=status)


def _take_out_confirmation(request: MemberRequest, entry_id: int) -> Confirmation:
    entry = read.access_notebook_entry(request.member, entry_id)
    title = entry.strategy.display_title
    return Confirmation(
        title=_("Take %(title)s out of your notebook?") % {"title": title},
        consequences=[
            _("%(title)s is taken out of your notebook.") % {"title": title},
            _("Your own note on it is deleted: it cannot be brought back.")
            if entry.note
            else _("You wrote no note on it, so no note is lost."),
        ],
        action=reverse("recovery:notebook-remove", args=[entry_id]),
        button=_("Yes, take it out"),
        cancel=reverse("recovery:notebook"),
    )


@require_GET
@member_required
def notebook_remove_confirm(request: MemberRequest, entry_id: int) -> HttpResponse:
    return confirm_page(request, _take_out_confirmation(request, entry_id))


@require_POST
@member_required
def notebook_remove(request: MemberRequest, entry_id: int) -> HttpResponse:
    read.access_notebook_entry(request.member, entry_id)
    if not confirmed(request):
        confirmation = _take_out_confirmation(request, entry_id)
        return confirm_page(request, confirmation, status=400)
    write.notebook_remove(by=request.member, entry_id=entry_id)
    messages.success(request, _("Taken out of your notebook, with your note."))
    return redirect("recovery:notebook")


urlpatterns: list[URLPattern] = [
    path("strategies/", strategy_list, name="strategy-list"),
    path("strategies/new/", strategy_new, name="strategy-new"),
    path("strategies/<int:pk>/", strategy_detail, name="strategy-detail"),
    path("strategies/<int:pk>/edit/", strategy_edit, name="strategy-edit"),
    path("strategies/<int:pk>/remove/", strategy_remove, name="strategy-remove"),
    path(
        "strategies/<int:pk>/remove/confirm/",
        strategy_remove_confirm,
        name="strategy-remove-confirm",
    ),
    path("strategies/<int:pk>/helped/", strategy_helped, name="strategy-helped"),
    path("strategies/<int:pk>/save/", strategy_save, name="strategy-save"),
    path("me/notebook/", notebook, name="notebook"),
    path("me/notebook/<int:entry_id>/edit/", notebook_edit, name="notebook-edit"),
    path("me/notebook/<int:entry_id>/remove/", notebook_remove, name="notebook-remove"),
    path(
        "me/notebook/<int:entry_id>/remove/confirm/",
        notebook_remove_confirm,
        name="notebook-remove-confirm",
    ),
]

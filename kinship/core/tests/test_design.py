"""The design system's pages and parts: the style page, the header's navigation
(members, clinicians, visitors), the scale widget and the help page's crisis box."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kinship.care.models import OrganisationStaff
from kinship.care.tests.helpers import clinic_client, clinic_create
from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast, signed_in
from kinship.recovery.models import CheckIn

pytestmark = pytest.mark.django_db

STYLEGUIDE = "/styleguide/"
CHECKIN = "/me/checkin/"


def header_of(body: str) -> str:
    return body[body.index('<header class="site-header">') : body.index("</header>")]


def menu_of(body: str) -> str:
    header = header_of(body)
    return header[header.index('<ul class="nav-menu" id="site-menu">') :]


def bar_of(body: str) -> str:
    """The header bar: everything of the header before the collapsible menu."""
    header = header_of(body)
    return header[: header.index('<ul class="nav-menu" id="site-menu">')]


# -- The style page ---------------------------------------------------------------


def test_the_style_page_is_a_404_to_visitors_and_members(eve: Member) -> None:
    assert Client().get(STYLEGUIDE).status_code == 404
    assert signed_in(eve).get(STYLEGUIDE).status_code == 404


def test_staff_see_every_component_with_its_class_names(eve: Member) -> None:
    eve.user.is_staff = True
    eve.user.save()
    response = signed_in(eve).get(STYLEGUIDE)
    assert response.status_code == 200
    body = response.content.decode()
    for name in (
        ".button-primary",
        ".button-secondary",
        ".button-danger",
        ".cards",
        ".card",
        ".badge",
        ".chip",
        ".notice",
        ".data-table",
        ".empty-state",
        ".form-stack",
        ".field",
        ".scale",
    ):
        assert f"<code>{name}</code>" in body, name
    # The sample form's scales are real radio buttons.
    assert body.count('type="radio" name="craving"') == 11
    assert body.count('type="radio" name="mood"') == 5


def test_anyone_sees_the_style_page_while_debug_is_on(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    assert Client().get(STYLEGUIDE).status_code == 200


# -- The header's navigation ------------------------------------------------------


def test_i_need_support_is_in_the_header_bar_not_the_collapsible_menu(
    alex: Member,
) -> None:
    body = signed_in(alex).get(reverse("members:me")).content.decode()
    bar = bar_of(body)
    help_action = f'action="{reverse("recovery:help-request")}"'
    assert help_action in bar
    assert "I need support" in bar
    assert help_action not in menu_of(body)
    # The crisis lines are one tap away, in the bar too.
    assert 'href="#crisis"' in bar
    assert 'id="crisis"' in body


def test_the_menu_opens_without_javascript(alex: Member) -> None:
    """The Menu control is a link to the menu itself (CSS :target opens it);
    site.js only enhances it into a button."""
    body = signed_in(alex).get(reverse("directory:home")).content.decode()
    bar = bar_of(body)
    assert re.search(r'<a class="nav-toggle" href="#site-menu"[^>]*>Menu', bar)
    menu = menu_of(body)
    assert 'id="site-menu"' in menu
    assert '<a href="#">Close the menu</a>' in menu


def test_a_members_menu_has_find_my_group_and_the_peer_links(alex: Member) -> None:
    menu = menu_of(signed_in(alex).get(reverse("directory:home")).content.decode())
    assert f'href="{reverse("matching:match")}">Find my group<' in menu
    assert f'href="{reverse("members:me")}">My recovery<' in menu
    assert f'href="{reverse("directory:meeting-list")}">Find a meeting<' in menu
    assert "Sign out" in menu
    assert "Clinic home" not in menu


def test_a_visitor_gets_the_crisis_link_and_no_support_button(client: Client) -> None:
    body = client.get(reverse("directory:home")).content.decode()
    assert 'href="#crisis"' in bar_of(body)
    assert "I need support" not in body
    menu = menu_of(body)
    assert f'href="{reverse("matching:match")}">Find my group<' in menu
    assert "Sign in" in menu


@pytest.fixture
def clinic(dr_lee: Member) -> OrganisationStaff:
    return clinic_create(dr_lee)


def test_a_clinician_gets_the_clinic_navigation_on_every_page(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    client = clinic_client(dr_lee)
    slug = clinic.organisation.slug
    for url in (reverse("directory:home"), reverse("care:clinic-home", args=[slug])):
        body = client.get(url).content.decode()
        menu = menu_of(body)
        assert f'href="{reverse("care:clinic-home", args=[slug])}">Clinic home<' in menu
        assert f'href="{reverse("care:clinic-home", args=[slug])}#referrals">' in menu
        assert f'href="{reverse("care:clinic-report", args=[slug])}">Reports<' in menu
        assert "Sign out" in menu
        # Not the peer-member links, and not the member's call for support.
        assert "My recovery" not in menu
        assert "Find my group" not in menu
        assert "I need support" not in header_of(body)
        assert 'href="#crisis"' in bar_of(body), url


def test_staff_who_join_after_signing_in_get_the_clinic_navigation_on_their_pages(
    dr_lee: Member,
) -> None:
    client = signed_in(dr_lee)  # not staff yet at sign-in
    assert "My recovery" in menu_of(client.get("/").content.decode())
    staff = clinic_create(dr_lee)
    client = clinic_client(dr_lee)
    home = reverse("care:clinic-home", args=[staff.organisation.slug])
    assert "Clinic home" in menu_of(client.get(home).content.decode())
    assert "Clinic home" in menu_of(client.get("/").content.decode())


def test_staff_no_longer_active_get_the_member_navigation_back(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    client = clinic_client(dr_lee)
    assert "Clinic home" in menu_of(client.get("/").content.decode())
    clinic.active = False
    clinic.save()
    home = reverse("care:clinic-home", args=[clinic.organisation.slug])
    assert client.get(home).status_code == 404
    assert "My recovery" in menu_of(client.get("/").content.decode())


def test_eve_on_a_clinic_address_keeps_the_member_navigation(
    clinic: OrganisationStaff, eve: Member
) -> None:
    home = reverse("care:clinic-home", args=[clinic.organisation.slug])
    response = signed_in(eve).get(home)
    assert response.status_code == 404
    menu = menu_of(response.content.decode())
    assert "Clinic home" not in menu
    assert clinic.organisation.slug not in response.content.decode()


# -- The scale widget on the check-in ---------------------------------------------


def checkin_post(member: Member, **changes: str) -> dict[str, str]:
    return {
        "today": member_today(member).isoformat(),
        "mood": "4",
        "craving": "3",
        "stress": "5",
        "used_today": "no",
        "sharing": "private",
        **changes,
    }


def test_craving_stress_and_mood_are_radio_scales_in_fieldsets(alex: Member) -> None:
    body = signed_in(alex).get(CHECKIN).content.decode()
    assert 'type="number" name="craving"' not in body
    assert 'type="number" name="stress"' not in body
    for name, size in (("craving", 11), ("stress", 11), ("mood", 5)):
        assert body.count(f'type="radio" name="{name}"') == size, name
    for legend in ("Craving", "Stress", "How is your mood today?"):
        fieldset = re.search(
            r'<fieldset class="field scale-field[^"]*"[^>]*>\s*<legend>'
            + re.escape(legend)
            + r"</legend>(.*?)</fieldset>",
            body,
            re.S,
        )
        assert fieldset, legend
    # Each number has its own label.
    assert re.search(
        r'<label class="scale-option" for="id_craving_10"><input type="radio" '
        r'name="craving" value="10"[^>]*>\s*<span>10</span></label>',
        body,
    )


def test_a_saved_check_in_shows_its_numbers_chosen(alex: Member) -> None:
    client = signed_in(alex)
    assert client.post(CHECKIN, checkin_post(alex, craving="7")).status_code == 302
    body = client.get(CHECKIN).content.decode()
    assert re.search(r'name="craving" value="7"[^>]*checked', body)
    assert not re.search(r'name="craving" value="3"[^>]*checked', body)


@pytest.mark.parametrize("scale", ["craving", "stress"])
@pytest.mark.parametrize("bad", ["11", "-1", "seven", "3.5"])
def test_a_number_off_the_scale_is_refused(alex: Member, scale: str, bad: str) -> None:
    response = signed_in(alex).post(CHECKIN, checkin_post(alex, **{scale: bad}))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {scale}
    assert not CheckIn.objects.exists()


def test_a_mood_off_the_scale_is_refused(alex: Member) -> None:
    response = signed_in(alex).post(CHECKIN, checkin_post(alex, mood="0"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"mood"}
    assert not CheckIn.objects.exists()


def test_the_ends_of_the_scale_are_saved(alex: Member) -> None:
    response = signed_in(alex).post(
        CHECKIN, checkin_post(alex, craving="0", stress="10", mood="5")
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get(member=alex)
    assert (checkin.craving, checkin.stress, checkin.mood) == (0, 10, 5)


# -- The help page ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "alex"])
def test_the_help_page_shows_the_crisis_box_once_and_never_links_to_itself(
    cast: Cast, who: str
) -> None:
    client = Client() if who == "visitor" else signed_in(cast.alex)
    help_url = reverse("recovery:help")
    body = client.get(help_url).content.decode()
    assert body.count('class="crisis-resources"') == 1
    assert body.count('id="crisis"') == 1
    assert f'href="{help_url}"' not in body
    assert "More ways to get help" not in body


def test_the_support_sent_page_shows_the_crisis_box_once(alex: Member) -> None:
    body = signed_in(alex).post(reverse("recovery:help-request")).content.decode()
    assert body.count('class="crisis-resources"') == 1
    assert body.count('id="crisis"') == 1


def test_other_pages_keep_the_footer_crisis_box_and_its_link(alex: Member) -> None:
    body = signed_in(alex).get(reverse("members:me")).content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    assert 'class="crisis-resources"' in footer
    assert f'href="{reverse("recovery:help")}">More ways to get help<' in footer


# -- Leaders' and clinicians' pages use the components ----------------------------


def zone_options(body: str) -> list[str]:
    select = re.search(r'<select name="timezone"[^>]*>(.*?)</select>', body, re.S)
    assert select, "the time zone is a select"
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def test_a_new_meetings_zone_is_a_select_with_the_groups_usual_zone_first(
    cast: Cast,
) -> None:
    from kinship.directory.tests.factories import MeetingFactory

    for name in ("A", "B"):
        MeetingFactory.create(
            group=cast.group, name=f"Chicago {name}", timezone="America/Chicago"
        )
    url = reverse("membership:meeting-new", args=[cast.group.slug])
    body = signed_in(cast.fran).get(url).content.decode()
    assert 'name="timezone" type="text"' not in body
    options = zone_options(body)
    assert options[0] == "America/Chicago"
    assert "America/New_York" in options
    assert "Europe/Madrid" in options
    assert len(options) == len(set(options))
    assert re.search(r'<option value="America/Chicago" selected>', body)
    assert 'class="button-primary">Save<' in body


def test_a_group_with_no_meetings_puts_the_leaders_own_zone_first(
    cast: Cast,
) -> None:
    cast.group.meetings.all().delete()
    cast.fran.timezone = "Europe/Lisbon"
    cast.fran.save()
    url = reverse("membership:meeting-new", args=[cast.group.slug])
    assert zone_options(signed_in(cast.fran).get(url).content.decode())[0] == (
        "Europe/Lisbon"
    )


def test_editing_a_meeting_keeps_its_own_zone_chosen(cast: Cast) -> None:
    cast.meeting.timezone = "America/Denver"
    cast.meeting.save()
    url = reverse("membership:meeting-edit", args=[cast.group.slug, cast.meeting.slug])
    body = signed_in(cast.fran).get(url).content.decode()
    assert re.search(r'<option value="America/Denver" selected>', body)
    assert 'class="button-danger">Remove the meeting<' in body


def test_the_roster_buttons_are_components_and_cells_are_labelled(
    cast: Cast,
) -> None:
    url = reverse("membership:roster", args=[cast.group.slug])
    body = signed_in(cast.fran).get(url).content.decode()
    assert re.search(r'<button type="submit" class="button-secondary">Make Alex', body)
    assert 'data-label="Member"' in body
    assert '<button type="submit" class="button-primary">Create an invitation link' in (
        body
    )


def test_the_mentorship_send_and_the_clinic_ask_buttons_are_primary() -> None:
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "kinship"
    thread = (root / "mentorship/templates/mentorship/_thread.html").read_text()
    assert 'id="message-send" class="button-primary"' in thread
    patient = (root / "care/templates/care/clinic_patient.html").read_text()
    ask = 'class="button-primary">{% translate "Ask the patient to take it" %}'
    assert ask in patient

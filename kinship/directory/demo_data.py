"""Realistic demo content for ``manage.py seed_demo``: places, groups and meetings.

Every group, venue and conference link here is fictional; the streets, ZIP codes,
time zones and the resource links to national organisations are real. No person's
last name appears anywhere (the Meeting Guide convention). Contact numbers use the
555-01xx range reserved for fiction.

Meeting type codes are those of the group's own program (see ``vocabularies``).
Weekdays follow Meeting Guide: 0 = Sunday ... 6 = Saturday.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

SUN, MON, TUE, WED, THU, FRI, SAT = range(7)


def _text(block: str) -> str:
    """Prose written wrapped in the source: lines join, blank lines part paragraphs."""
    paragraphs = textwrap.dedent(block).strip().split("\n\n")
    return "\n\n".join(
        " ".join(line.strip() for line in paragraph.splitlines())
        for paragraph in paragraphs
    )


def _rules(block: str) -> str:
    """One rule per output line; in the source each rule starts with "- "."""
    rules: list[str] = []
    for raw in textwrap.dedent(block).strip().splitlines():
        line = raw.strip()
        if line.startswith("- "):
            rules.append(line[2:])
        elif rules and line:
            rules[-1] += " " + line
    return "\n".join(rules)


@dataclass(frozen=True, slots=True)
class DemoCity:
    key: str
    name: str
    region: str
    timezone: str


@dataclass(frozen=True, slots=True)
class DemoVenue:
    key: str
    city: str
    name: str
    street: str
    postal_code: str
    # Degrees north and east of the ZIP centroid: the building, not the ZIP's middle.
    offset: tuple[float, float]
    accessibility: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Conference:
    url: str
    url_notes: str
    phone: str
    phone_notes: str


@dataclass(frozen=True, slots=True)
class DemoMeeting:
    slug: str
    name: str
    weekday: int | None
    start: str | None
    end: str | None
    mode: str
    types: tuple[str, ...]
    venue: str | None = None
    languages: tuple[str, ...] | None = None  # None: the group's languages
    conference: Conference | None = None
    notes: str = ""
    status: str = "active"


@dataclass(frozen=True, slots=True)
class DemoGroup:
    slug: str
    name: str
    program: str
    city: str
    description: str
    guidelines: str
    confidentiality: str
    inclusivity: str
    audience: tuple[str, ...]
    languages: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    meetings: tuple[DemoMeeting, ...]
    focus: str | None = None  # None: the program's focus
    visibility: str = "listed"
    verified_days_ago: int | None = None


# Zoom's public dial-in numbers by region; the meeting IDs are made up.
DIAL_NEW_YORK = "+16465588656"
DIAL_CHICAGO = "+13126266799"
DIAL_HOUSTON = "+13462487799"
DIAL_SAN_JOSE = "+16699006833"
DIAL_TACOMA = "+12532158782"


def _zoom(meeting_id: str, passcode: str, dial: str, note: str = "") -> Conference:
    digits = meeting_id.replace(" ", "")
    url_notes = f"Meeting ID {meeting_id}, passcode {passcode}."
    if note:
        url_notes += " " + note
    return Conference(
        url=f"https://zoom.us/j/{digits}",
        url_notes=url_notes,
        phone=f"{dial},,{digits}#",
        phone_notes=f"Dial in, then enter passcode {passcode} when asked.",
    )


IN_PERSON, ONLINE, HYBRID = "in_person", "online", "hybrid"

CITIES: tuple[DemoCity, ...] = (
    DemoCity("philadelphia", "Philadelphia", "PA", "America/New_York"),
    DemoCity("new-york", "New York", "NY", "America/New_York"),
    DemoCity("chicago", "Chicago", "IL", "America/Chicago"),
    DemoCity("los-angeles", "Los Angeles", "CA", "America/Los_Angeles"),
    DemoCity("denver", "Denver", "CO", "America/Denver"),
    DemoCity("austin", "Austin", "TX", "America/Chicago"),
    DemoCity("seattle", "Seattle", "WA", "America/Los_Angeles"),
    DemoCity("boston", "Boston", "MA", "America/New_York"),
)
CITIES_BY_KEY = {city.key: city for city in CITIES}

VENUES: tuple[DemoVenue, ...] = (
    # Philadelphia: every venue is within 4 miles of ZIP 19103's centroid.
    DemoVenue(
        "locust-fellowship-hall",
        "philadelphia",
        "Locust Street Fellowship Hall",
        "1720 Locust St",
        "19103",
        (-0.0017, 0.0034),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "Enter by the side door on Locust Street; the hall is on the ground floor.",
    ),
    DemoVenue(
        "spruce-commons",
        "philadelphia",
        "Spruce Street Commons",
        "1030 Spruce St",
        "19107",
        (-0.0025, -0.0004),
        ("step_free", "accessible_toilet"),
        "Community room at the back of the lobby. Ring the buzzer marked Commons.",
    ),
    DemoVenue(
        "university-city-wellness",
        "philadelphia",
        "University City Wellness Collective",
        "3925 Walnut St",
        "19104",
        (-0.0057, 0.0023),
        ("step_free", "accessible_toilet", "fragrance_free"),
        "Second floor, Room 204. Elevator beside the front desk.",
    ),
    DemoVenue(
        "frankford-recovery-center",
        "philadelphia",
        "Frankford Avenue Recovery Community Center",
        "1401 Frankford Ave",
        "19125",
        (-0.0076, -0.0084),
        ("step_free", "parking"),
        "Free street parking on Thompson Street after 6 pm.",
    ),
    DemoVenue(
        "christian-street-hall",
        "philadelphia",
        "Christian Street Community Hall",
        "830 Christian St",
        "19147",
        (0.0021, -0.0010),
        ("accessible_toilet",),
        "Three steps at the entrance; a portable ramp is available, just ask.",
    ),
    DemoVenue(
        "fairmount-arts-annex",
        "philadelphia",
        "Fairmount Arts Annex",
        "2401 Fairmount Ave",
        "19130",
        (-0.0003, -0.0025),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "",
    ),
    DemoVenue(
        "centro-fairhill",
        "philadelphia",
        "Centro Comunitario Fairhill",
        "2810 N 5th St",
        "19133",
        (0.0020, 0.0010),
        ("step_free", "childcare"),
        "Entrada por la calle 5. Cuidado de niños los domingos.",
    ),
    # New York
    DemoVenue(
        "west-20th-parish-hall",
        "new-york",
        "West 20th Street Parish Hall",
        "225 W 20th St",
        "10011",
        (0.0027, 0.0004),
        ("step_free", "accessible_toilet"),
        "Downstairs hall; the lift is to the left of the main doors.",
    ),
    DemoVenue(
        "lenox-community-center",
        "new-york",
        "Lenox Avenue Community Center",
        "312 Lenox Ave",
        "10027",
        (-0.0045, 0.0100),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "",
    ),
    DemoVenue(
        "williamsburg-neighborhood-house",
        "new-york",
        "Williamsburg Neighborhood House",
        "160 Bedford Ave",
        "11211",
        (0.0100, 0.0005),
        ("step_free",),
        "Meeting room 3, up the ramp at the rear entrance.",
    ),
    DemoVenue(
        "penn-plaza-peer-center",
        "new-york",
        "Penn Plaza Peer Center",
        "330 W 31st St",
        "10001",
        (0.0019, 0.0011),
        ("step_free", "accessible_toilet", "asl"),
        "ASL interpretation on request with a week's notice.",
    ),
    # Chicago
    DemoVenue(
        "fullerton-fellowship-hall",
        "chicago",
        "Fullerton Avenue Fellowship Hall",
        "725 W Fullerton Ave",
        "60614",
        (0.0024, 0.0007),
        ("step_free", "accessible_toilet"),
        "",
    ),
    DemoVenue(
        "centro-18th-street",
        "chicago",
        "Centro Comunitario Calle 18",
        "1831 S Racine Ave",
        "60608",
        (0.0061, 0.0135),
        ("step_free", "childcare"),
        "Sala B, primer piso.",
    ),
    DemoVenue(
        "damen-wellness-studio",
        "chicago",
        "Damen Avenue Wellness Studio",
        "1450 N Damen Ave",
        "60622",
        (0.0059, 0.0006),
        ("accessible_toilet", "fragrance_free"),
        "One flight of stairs; the hybrid link is there for anyone who needs it.",
    ),
    DemoVenue(
        "wabash-family-center",
        "chicago",
        "Wabash Family Resource Center",
        "180 N Wabash Ave",
        "60601",
        (-0.0005, -0.0080),
        ("step_free", "accessible_toilet", "childcare"),
        "Fourth floor conference room. Sign in at the security desk.",
    ),
    # Los Angeles
    DemoVenue(
        "echo-park-clubhouse",
        "los-angeles",
        "Echo Park Recovery Clubhouse",
        "1822 W Sunset Blvd",
        "90026",
        (-0.0005, 0.0046),
        ("step_free", "accessible_toilet"),
        "Street parking only; the Metro 2 bus stops outside.",
    ),
    DemoVenue(
        "boyle-heights-hall",
        "los-angeles",
        "Boyle Heights Community Hall",
        "2150 E 1st St",
        "90033",
        (-0.0037, -0.0016),
        ("step_free", "parking", "childcare"),
        "",
    ),
    DemoVenue(
        "cahuenga-wellness-center",
        "los-angeles",
        "Cahuenga Wellness Center",
        "1615 N Cahuenga Blvd",
        "90028",
        (0.0000, -0.0042),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "Validated parking in the garage on Selma Avenue.",
    ),
    # Denver
    DemoVenue(
        "colfax-fellowship-hall",
        "denver",
        "Colfax Fellowship Hall",
        "1420 E Colfax Ave",
        "80218",
        (0.0073, -0.0003),
        ("step_free", "accessible_toilet"),
        "",
    ),
    DemoVenue(
        "welton-veterans-hall",
        "denver",
        "Welton Street Veterans Hall",
        "2701 Welton St",
        "80205",
        (-0.0030, -0.0140),
        ("step_free", "accessible_toilet", "parking"),
        "Lot behind the building; use the Welton Street door after 5 pm.",
    ),
    DemoVenue(
        "larimer-community-room",
        "denver",
        "Larimer Square Community Room",
        "1430 Larimer St",
        "80202",
        (-0.0014, -0.0048),
        ("step_free", "accessible_toilet"),
        "",
    ),
    # Austin
    DemoVenue(
        "east-sixth-community-hall",
        "austin",
        "East Sixth Community Hall",
        "1908 E 6th St",
        "78702",
        (-0.0010, -0.0069),
        ("step_free", "parking"),
        "",
    ),
    DemoVenue(
        "lavaca-peer-center",
        "austin",
        "Lavaca Street Peer Center",
        "811 Lavaca St",
        "78701",
        (-0.0005, -0.0020),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "Suite 120. Parking garage entrance on 9th Street.",
    ),
    # Seattle
    DemoVenue(
        "pike-pine-fellowship-hall",
        "seattle",
        "Pike-Pine Fellowship Hall",
        "1122 E Pike St",
        "98122",
        (0.0026, -0.0124),
        ("step_free", "accessible_toilet"),
        "",
    ),
    DemoVenue(
        "third-avenue-parish-hall",
        "seattle",
        "Third Avenue Parish Hall",
        "1510 3rd Ave",
        "98101",
        (-0.0012, -0.0085),
        ("accessible_toilet",),
        "",
    ),
    DemoVenue(
        "fremont-wellness-commons",
        "seattle",
        "Fremont Wellness Commons",
        "3416 Fremont Ave N",
        "98103",
        (-0.0237, -0.0071),
        ("step_free", "accessible_toilet", "fragrance_free"),
        "Quiet room upstairs; a lift is available.",
    ),
    DemoVenue(
        "eastlake-community-room",
        "seattle",
        "Eastlake Community Room",
        "2322 Eastlake Ave E",
        "98102",
        (0.0118, -0.0045),
        ("step_free",),
        "",
    ),
    # Boston
    DemoVenue(
        "clarendon-parish-hall",
        "boston",
        "Clarendon Street Parish Hall",
        "233 Clarendon St",
        "02116",
        (0.0015, 0.0020),
        ("step_free", "accessible_toilet"),
        "Coffee from 7:30 am on Saturdays.",
    ),
    DemoVenue(
        "centre-street-community-room",
        "boston",
        "Centre Street Community Room",
        "670 Centre St",
        "02130",
        (0.0001, -0.0025),
        ("step_free", "accessible_toilet"),
        "",
    ),
    DemoVenue(
        "central-square-wellness-loft",
        "boston",
        "Central Square Wellness Loft",
        "614 Massachusetts Ave",
        "02139",
        (0.0010, 0.0015),
        ("step_free", "accessible_toilet", "hearing_loop"),
        "Third floor; elevator from the Essex Street lobby.",
    ),
    DemoVenue(
        "washington-street-family-center",
        "boston",
        "Washington Street Family Center",
        "1595 Washington St",
        "02118",
        (0.0016, -0.0021),
        ("step_free", "accessible_toilet", "childcare"),
        "",
    ),
)
VENUES_BY_KEY = {venue.key: venue for venue in VENUES}

# Resource links: national organisations and local service offices.
CRISIS_988 = ("988 Suicide & Crisis Lifeline", "https://988lifeline.org")
SAMHSA = (
    "SAMHSA National Helpline (1-800-662-4357)",
    "https://www.samhsa.gov/find-help/national-helpline",
)
CRISIS_TEXT = (
    "Crisis Text Line: text HOME to 741741",
    "https://www.crisistextline.org",
)
AA_WORLD = ("Alcoholics Anonymous", "https://www.aa.org")
NA_SEARCH = ("Find an NA meeting", "https://na.org/meetingsearch/")
AL_ANON = ("Al-Anon Family Groups", "https://al-anon.org")
SMART = ("SMART Recovery", "https://smartrecovery.org")
DRA = ("Dual Recovery Anonymous", "https://www.draonline.org")
NAMI = ("NAMI", "https://www.nami.org")
NAMI_HELP = ("NAMI HelpLine", "https://www.nami.org/help")
MHA = ("Mental Health America", "https://mhanational.org")
RAINN = ("RAINN (sexual violence support)", "https://www.rainn.org")
VETERANS_CRISIS = ("Veterans Crisis Line", "https://www.veteranscrisisline.net")
TREVOR = ("The Trevor Project", "https://www.thetrevorproject.org")
FIND_TREATMENT = ("FindTreatment.gov", "https://findtreatment.gov")
FAMILY_PARTNERSHIP = ("Partnership to End Addiction", "https://drugfree.org")
COMPASSIONATE_FRIENDS = (
    "The Compassionate Friends",
    "https://www.compassionatefriends.org",
)
INTERGROUP = {
    "philadelphia": ("Southeastern PA Intergroup", "https://www.aasepia.org"),
    "new-york": ("New York Intergroup", "https://www.nyintergroup.org"),
    "chicago": ("Chicago Area Service Office", "https://chicagoaa.org"),
    "los-angeles": ("Los Angeles Central Office", "https://lacoaa.org"),
    "denver": ("Denver Area Central Committee", "https://www.daccaa.org"),
    "austin": ("Austin Intergroup", "https://austinaa.org"),
    "seattle": ("Greater Seattle Intergroup", "https://www.seattleaa.org"),
    "boston": ("Greater Boston Central Service", "https://aaboston.org"),
}

GROUPS: tuple[DemoGroup, ...] = (
    # ---------------------------------------------------------------- Philadelphia
    DemoGroup(
        slug="rittenhouse-morning-serenity",
        name="Rittenhouse Morning Serenity",
        program="aa",
        city="philadelphia",
        description=_text(
            """
            An early meeting for people who want to start the day sober. Most of us
            head to work straight afterwards, so we begin on the dot and finish on
            time. Weekday mornings are discussion meetings; on Saturdays we read the
            Big Book together, in the hall and online.
            """
        ),
        guidelines=_rules(
            """
            - We start at 7:00 sharp and close at 8:00 so members can get to work.
            - Share once, for about three minutes, so everyone who wants to can speak.
            - No cross talk: we speak about our own experience, not about another
              member's share.
            - Phones on silent. Step outside if you need to take a call.
            - Newcomers are invited to introduce themselves by first name only if
              they wish; nobody has to speak.
            """
        ),
        confidentiality=_text(
            """
            Who you see here and what you hear here stays here. We use first names
            only. Please do not photograph the room or the screen on Saturdays, and
            keep your camera pointed away from others in the hall.
            """
        ),
        inclusivity=_text(
            """
            The only requirement for membership is a desire to stop drinking. Whatever
            your age, faith or lack of one, gender, sexuality, background or the way
            you got here, you belong at this table.
            """
        ),
        audience=("newcomers",),
        languages=("en",),
        links=(INTERGROUP["philadelphia"], AA_WORLD, SAMHSA),
        verified_days_ago=12,
        meetings=(
            DemoMeeting(
                "rittenhouse-morning-serenity-monday",
                "Morning Serenity",
                MON,
                "07:00",
                "08:00",
                IN_PERSON,
                ("O", "D", "X"),
                venue="locust-fellowship-hall",
            ),
            DemoMeeting(
                "rittenhouse-morning-serenity-wednesday",
                "Morning Serenity",
                WED,
                "07:00",
                "08:00",
                IN_PERSON,
                ("O", "D", "X"),
                venue="locust-fellowship-hall",
            ),
            DemoMeeting(
                "rittenhouse-morning-serenity-friday",
                "Morning Serenity Meditation",
                FRI,
                "07:00",
                "08:00",
                IN_PERSON,
                ("O", "11", "MED", "X"),
                venue="locust-fellowship-hall",
                notes="Ten minutes of guided silence before the discussion.",
            ),
            DemoMeeting(
                "rittenhouse-saturday-big-book",
                "Saturday Big Book Study",
                SAT,
                "09:00",
                "10:30",
                HYBRID,
                ("C", "B", "X"),
                venue="locust-fellowship-hall",
                conference=_zoom("845 1209 3476", "serenity", DIAL_NEW_YORK),
                notes="Bring a Big Book if you have one; loaner copies by the door.",
            ),
        ),
    ),
    DemoGroup(
        slug="fishtown-clean-and-serene",
        name="Fishtown Clean & Serene",
        program="na",
        city="philadelphia",
        description=_text(
            """
            A lively NA home group in Fishtown with a strong newcomer welcome. We
            read from the Basic Text on Tuesdays, study Just for Today on Thursdays
            and hold a candlelight speaker meeting late on Saturday night for anyone
            who finds weekend nights the hardest.
            """
        ),
        guidelines=_rules(
            """
            - Come clean to the meeting, or come anyway and keep coming back.
            - Share your own recovery; please avoid glorifying using or naming
              dealers, places or prices.
            - Keytags are given out at the end of every meeting.
            - No one is asked to leave for showing up struggling, but we ask that
              drugs and paraphernalia stay outside.
            - Leave the room as you found it: stack chairs, take your cups.
            """
        ),
        confidentiality=_text(
            """
            Anonymity is the spiritual foundation of our traditions. What is shared
            in this room is not repeated outside it, not even to other members, and
            we do not post about who we saw here.
            """
        ),
        inclusivity=_text(
            """
            Any addict may join us, regardless of the drug or combination of drugs
            used, or of medication-assisted treatment. Young people, people in
            re-entry and people still finding housing are all part of this group.
            """
        ),
        audience=("newcomers", "young_people"),
        languages=("en",),
        links=(NA_SEARCH, SAMHSA, CRISIS_988),
        verified_days_ago=30,
        meetings=(
            DemoMeeting(
                "fishtown-clean-and-serene-tuesday",
                "Clean & Serene Basic Text",
                TUE,
                "19:30",
                "21:00",
                IN_PERSON,
                ("O", "BT"),
                venue="frankford-recovery-center",
            ),
            DemoMeeting(
                "fishtown-clean-and-serene-thursday",
                "Clean & Serene Just for Today",
                THU,
                "19:30",
                "21:00",
                IN_PERSON,
                ("C", "JFT", "BEG"),
                venue="frankford-recovery-center",
            ),
            DemoMeeting(
                "fishtown-midnight-lifeline",
                "Midnight Lifeline",
                SAT,
                "23:00",
                "00:30",
                IN_PERSON,
                ("O", "CAN", "SPK"),
                venue="frankford-recovery-center",
                notes="Starts Saturday at 11 pm and runs past midnight.",
            ),
        ),
    ),
    DemoGroup(
        slug="center-city-hope-al-anon",
        name="Center City Hope Al-Anon Family Group",
        program="al-anon",
        city="philadelphia",
        description=_text(
            """
            For anyone whose life has been touched by someone else's drinking:
            partners, parents, adult children, friends and co-workers. The Wednesday
            lunchtime meeting is short and beginner-friendly. On Sunday evenings an
            Alateen group meets in the next room at the same hour, so families can
            come together.
            """
        ),
        guidelines=_rules(
            """
            - We keep the focus on ourselves, not on the drinker.
            - We do not give advice; we share what has worked for us.
            - No gossip and no discussion of religion, treatment centres or other
              outside issues.
            - Sunday's Alateen meeting is led by two certified Al-Anon members.
            """
        ),
        confidentiality=_text(
            """
            We protect the anonymity of everyone here and of the alcoholics in our
            lives. Please do not repeat names or stories shared in the meeting.
            """
        ),
        inclusivity=_text(
            """
            Al-Anon welcomes anyone affected by a loved one's drinking, whether that
            person is still drinking or sober, alive or gone. You do not need to
            bring anyone with you, and you do not have to speak.
            """
        ),
        audience=("families", "newcomers"),
        languages=("en",),
        links=(AL_ANON, INTERGROUP["philadelphia"]),
        verified_days_ago=45,
        meetings=(
            DemoMeeting(
                "center-city-hope-wednesday-lunch",
                "Hope at Lunchtime",
                WED,
                "12:15",
                "13:15",
                IN_PERSON,
                ("O", "BE"),
                venue="spruce-commons",
            ),
            DemoMeeting(
                "center-city-hope-sunday",
                "Sunday Evening Step Meeting",
                SUN,
                "18:00",
                "19:00",
                IN_PERSON,
                ("C", "ST", "AL"),
                venue="spruce-commons",
            ),
            DemoMeeting(
                "center-city-alateen",
                "Center City Alateen",
                SUN,
                "18:00",
                "19:00",
                IN_PERSON,
                ("Y", "C"),
                venue="spruce-commons",
                notes="For ages 12 to 19. Parents wait in the Al-Anon meeting.",
            ),
        ),
    ),
    DemoGroup(
        slug="university-city-smart-recovery",
        name="University City SMART Recovery",
        program="smart",
        city="philadelphia",
        description=_text(
            """
            A SMART Recovery group near the campuses, open to students, staff and
            neighbours working on any addictive behaviour: alcohol, cannabis,
            gambling, gaming or anything else. We work through the 4-Point Program
            with practical tools and a whiteboard.
            """
        ),
        guidelines=_rules(
            """
            - No labels: you never have to call yourself an addict or alcoholic.
            - The facilitator keeps time so the check-in round reaches everyone.
            - Offer tools and experience, not judgement or diagnosis.
            - Online participants on Thursdays raise a hand to speak and keep video
              on if they can.
            """
        ),
        confidentiality=_text(
            """
            What members share stays in the meeting. Facilitators do not report
            attendance to anyone, including universities or employers, unless you
            ask for an attendance note yourself.
            """
        ),
        inclusivity=_text(
            """
            Whether you want to stop completely or cut back, whether you also go to
            Twelve Step meetings or take medication for your recovery, you are
            welcome here just as you are.
            """
        ),
        audience=("young_people",),
        languages=("en",),
        links=(SMART, FIND_TREATMENT, CRISIS_988),
        verified_days_ago=20,
        meetings=(
            DemoMeeting(
                "university-city-smart-monday",
                "SMART Recovery Monday",
                MON,
                "18:30",
                "20:00",
                IN_PERSON,
                ("O", "4PT", "BE"),
                venue="university-city-wellness",
            ),
            DemoMeeting(
                "university-city-smart-thursday",
                "SMART Recovery Thursday (hybrid)",
                THU,
                "18:30",
                "20:00",
                HYBRID,
                ("O", "CBA"),
                venue="university-city-wellness",
                conference=_zoom("913 4402 7781", "tools", DIAL_NEW_YORK),
            ),
        ),
    ),
    DemoGroup(
        slug="two-roads-dual-recovery",
        name="Two Roads Dual Recovery",
        program="dual-recovery",
        city="philadelphia",
        description=_text(
            """
            For people living with both a substance use problem and a mental-health
            condition such as depression, bipolar disorder, PTSD or schizophrenia.
            We talk openly about both roads: staying clean and sober, and staying
            well.
            """
        ),
        guidelines=_rules(
            """
            - Prescribed medication is part of many members' recovery; we never
              tell anyone to stop or change it.
            - Speak from your own experience and avoid diagnosing others.
            - If you feel overwhelmed you may step out; a volunteer will check in
              with you quietly.
            - We close with the Serenity Prayer; joining in is optional.
            """
        ),
        confidentiality=_text(
            """
            Diagnoses, medications and stories shared here are private. We do not
            discuss another member's health outside the meeting, even with their
            family or care team.
            """
        ),
        inclusivity=_text(
            """
            You are welcome whatever your diagnosis, or if you have none yet, and
            whatever your relationship with treatment. Peer support here goes hand
            in hand with professional care; it never replaces it.
            """
        ),
        audience=(),
        languages=("en",),
        links=(DRA, NAMI_HELP, CRISIS_988, SAMHSA),
        verified_days_ago=60,
        meetings=(
            DemoMeeting(
                "two-roads-tuesday",
                "Two Roads Discussion",
                TUE,
                "17:30",
                "18:30",
                IN_PERSON,
                ("C", "D", "MED"),
                venue="christian-street-hall",
            ),
            DemoMeeting(
                "two-roads-saturday-steps",
                "Two Roads Step Study",
                SAT,
                "11:00",
                "12:00",
                IN_PERSON,
                ("O", "ST"),
                venue="christian-street-hall",
            ),
        ),
    ),
    DemoGroup(
        slug="fairmount-peer-connection",
        name="Fairmount Peer Connection",
        program="mental-health",
        city="philadelphia",
        description=_text(
            """
            A recovery support group for adults living with any mental-health
            condition, led by two trained peer facilitators who live with mental
            illness themselves. Each week we share what is working, what is hard and
            one small goal for the week ahead.
            """
        ),
        guidelines=_rules(
            """
            - Facilitators follow a set structure so every meeting feels familiar.
            - We listen without fixing. Ask before offering a suggestion.
            - Respect different paths: therapy, medication, faith, none of these.
            - Talk of self-harm is met with care; facilitators share crisis options
              at every meeting.
            - New members are welcome any week, or book a short first conversation.
            """
        ),
        confidentiality=_text(
            """
            Everything said in the group stays in the group. Facilitators only break
            confidentiality if someone is in immediate danger, and they will tell
            you first whenever they can.
            """
        ),
        inclusivity=_text(
            """
            All adults living with a mental-health condition are welcome, diagnosed
            or not. We aim for a space that is safe for LGBTQ+ members, people of
            colour and people with disabilities; tell us what would help you attend.
            """
        ),
        audience=(),
        languages=("en",),
        links=(NAMI, NAMI_HELP, CRISIS_988, CRISIS_TEXT),
        verified_days_ago=8,
        meetings=(
            DemoMeeting(
                "fairmount-peer-connection-wednesday",
                "Peer Connection Group",
                WED,
                "18:00",
                "19:30",
                IN_PERSON,
                ("CON", "O"),
                venue="fairmount-arts-annex",
            ),
            DemoMeeting(
                "fairmount-peer-connection-first-conversation",
                "First Conversation (by appointment)",
                None,
                None,
                None,
                IN_PERSON,
                ("CON",),
                venue="fairmount-arts-annex",
                notes=(
                    "A 20-minute chat with a facilitator before your first group. "
                    "Call or text (215) 555-0142 to arrange a time."
                ),
            ),
        ),
    ),
    DemoGroup(
        slug="grupo-nuevo-amanecer",
        name="Grupo Nuevo Amanecer",
        program="aa",
        city="philadelphia",
        description=_text(
            """
            Un grupo de Alcohólicos Anónimos en español en el barrio de Fairhill.
            Reuniones de discusión, estudio de pasos y oradores. A Spanish-speaking
            AA group; visitors who speak some Spanish are welcome.
            """
        ),
        guidelines=_rules(
            """
            - Compartimos en primera persona, unos cinco minutos cada uno.
            - Sin comentarios cruzados ni consejos.
            - Apagamos los teléfonos durante la reunión.
            - El café es gratis; la Séptima Tradición es voluntaria.
            """
        ),
        confidentiality=_text(
            """
            Lo que se ve aquí y lo que se oye aquí, aquí se queda. Usamos solo el
            nombre de pila. What is heard here stays here.
            """
        ),
        inclusivity=_text(
            """
            El único requisito para ser miembro es el deseo de dejar de beber. Todas
            las personas son bienvenidas, sin importar su país de origen, estatus
            migratorio, religión u orientación.
            """
        ),
        audience=(),
        languages=("es",),
        links=(INTERGROUP["philadelphia"], AA_WORLD, SAMHSA),
        verified_days_ago=25,
        meetings=(
            DemoMeeting(
                "nuevo-amanecer-lunes",
                "Nuevo Amanecer Discusión",
                MON,
                "20:00",
                "21:30",
                IN_PERSON,
                ("O", "S", "D"),
                venue="centro-fairhill",
            ),
            DemoMeeting(
                "nuevo-amanecer-jueves",
                "Nuevo Amanecer Estudio de Pasos",
                THU,
                "20:00",
                "21:30",
                IN_PERSON,
                ("C", "S", "ST"),
                venue="centro-fairhill",
            ),
            DemoMeeting(
                "nuevo-amanecer-domingo",
                "Nuevo Amanecer Oradores",
                SUN,
                "10:00",
                "11:30",
                IN_PERSON,
                ("O", "S", "SP", "CF"),
                venue="centro-fairhill",
            ),
        ),
    ),
    DemoGroup(
        slug="sunrise-big-book-online",
        name="Sunrise Big Book Online",
        program="aa",
        city="philadelphia",
        description=_text(
            """
            An early online Big Book study that started in Philadelphia and now has
            members across the country. We read a few pages aloud, then share on
            what we read. Dial in by phone if you are on the road.
            """
        ),
        guidelines=_rules(
            """
            - Rename yourself to your first name; the host admits people at 6:25.
            - Stay muted unless you are reading or sharing.
            - Use the raise-hand button to share; the chair calls on people in turn.
            - No private chat messages soliciting members, please.
            """
        ),
        confidentiality=_text(
            """
            We never record meetings. Please join from a private space or use
            headphones so others' shares are not overheard, and do not take
            screenshots of the participant gallery.
            """
        ),
        inclusivity=_text(
            """
            Anyone with a desire to stop drinking is welcome, wherever you are and
            however you connect: video, audio only, or phone. Captions are switched
            on for every meeting.
            """
        ),
        audience=(),
        languages=("en",),
        links=(AA_WORLD, INTERGROUP["philadelphia"]),
        verified_days_ago=5,
        meetings=(
            DemoMeeting(
                "sunrise-big-book-tuesday",
                "Sunrise Big Book",
                TUE,
                "06:30",
                "07:30",
                ONLINE,
                ("O", "B", "ONL"),
                conference=_zoom("872 5530 1198", "sunrise", DIAL_NEW_YORK),
            ),
            DemoMeeting(
                "sunrise-big-book-thursday",
                "Sunrise Big Book",
                THU,
                "06:30",
                "07:30",
                ONLINE,
                ("O", "B", "ONL"),
                conference=_zoom("872 5530 1198", "sunrise", DIAL_NEW_YORK),
            ),
            DemoMeeting(
                "sunrise-big-book-sunday",
                "Sunrise Daily Reflections",
                SUN,
                "07:00",
                "08:00",
                ONLINE,
                ("O", "DR", "ONL"),
                conference=_zoom("872 5530 1198", "sunrise", DIAL_NEW_YORK),
            ),
        ),
    ),
    # ---------------------------------------------------------------- New York
    DemoGroup(
        slug="chelsea-noon-step-group",
        name="Chelsea Noon Step Group",
        program="aa",
        city="new-york",
        description=_text(
            """
            A lunchtime AA group in Chelsea founded by gay and lesbian members and
            open to everyone. Monday is a Step meeting, Wednesday a Twelve and
            Twelve study and Friday a speaker meeting.
            """
        ),
        guidelines=_rules(
            """
            - Meetings start at 12:30 and end at 1:30; leave quietly if you must go.
            - Use the names and pronouns people give for themselves.
            - Keep shares to about three minutes at busy meetings.
            - Literature is on the table by the door; take what you need.
            """
        ),
        confidentiality=_text(
            """
            Many of us are not out at work or at home. Never confirm to anyone
            outside that a member attends, and never out anyone.
            """
        ),
        inclusivity=_text(
            """
            This is an LGBTQ+ meeting and everyone who wants to stop drinking is
            welcome here: queer, trans, non-binary, questioning and straight allies
            who come to share the solution.
            """
        ),
        audience=("lgbtq",),
        languages=("en",),
        links=(INTERGROUP["new-york"], AA_WORLD, TREVOR),
        verified_days_ago=14,
        meetings=(
            DemoMeeting(
                "chelsea-noon-monday-step",
                "Chelsea Noon Step Meeting",
                MON,
                "12:30",
                "13:30",
                IN_PERSON,
                ("O", "ST", "LGBTQ"),
                venue="west-20th-parish-hall",
            ),
            DemoMeeting(
                "chelsea-noon-wednesday-12x12",
                "Chelsea Noon Twelve and Twelve",
                WED,
                "12:30",
                "13:30",
                IN_PERSON,
                ("O", "12x12", "LGBTQ"),
                venue="west-20th-parish-hall",
            ),
            DemoMeeting(
                "chelsea-noon-friday-speaker",
                "Chelsea Noon Speaker",
                FRI,
                "12:30",
                "13:30",
                IN_PERSON,
                ("O", "SP", "LGBTQ", "T"),
                venue="west-20th-parish-hall",
            ),
        ),
    ),
    DemoGroup(
        slug="new-day-harlem-na",
        name="New Day Harlem",
        program="na",
        city="new-york",
        description=_text(
            """
            A Harlem NA group that has met every week for years. Sunday mornings
            bring a speaker and a full room; Wednesday nights are a smaller closed
            step meeting where we work through the Step Working Guides together.
            """
        ),
        guidelines=_rules(
            """
            - Chairs rotate monthly; ask the secretary if you would like service.
            - We read the Twelve Traditions at the start of each meeting.
            - Please keep shares on recovery and free of graphic using stories.
            - Sponsorship list is passed round at the end; add your name if you can
              sponsor.
            """
        ),
        confidentiality=_text(
            """
            Anonymity keeps this room safe for everybody. Leave what you hear here,
            and never share another member's story on social media.
            """
        ),
        inclusivity=_text(
            """
            The only requirement for membership is a desire to stop using. Folks
            from every part of Harlem and beyond, of every background, faith and
            history, are welcome at this group.
            """
        ),
        audience=("newcomers", "bipoc"),
        languages=("en",),
        links=(NA_SEARCH, SAMHSA),
        verified_days_ago=40,
        meetings=(
            DemoMeeting(
                "new-day-harlem-sunday-speaker",
                "New Day Speaker Meeting",
                SUN,
                "10:00",
                "11:30",
                IN_PERSON,
                ("O", "SPK"),
                venue="lenox-community-center",
            ),
            DemoMeeting(
                "new-day-harlem-wednesday-steps",
                "New Day Step Meeting",
                WED,
                "19:00",
                "20:30",
                IN_PERSON,
                ("C", "STEP", "SWG"),
                venue="lenox-community-center",
            ),
        ),
    ),
    DemoGroup(
        slug="smart-recovery-nyc-online",
        name="SMART Recovery NYC Online",
        program="smart",
        city="new-york",
        description=_text(
            """
            Evening SMART Recovery meetings online, hosted by volunteer facilitators
            in New York. Each meeting opens with a check-in round, works one tool in
            depth (the ABC exercise, urge logs, cost-benefit analysis) and ends with
            a plan for the week.
            """
        ),
        guidelines=_rules(
            """
            - Cameras on are appreciated but never required.
            - Chat is for links and tools, not side conversations.
            - Come as you are, even if you used today.
            - The meeting ends on time so facilitators can debrief.
            """
        ),
        confidentiality=_text(
            """
            We do not record. Facilitators will remove anyone who shares screenshots
            or names of participants. Use a first name or a nickname.
            """
        ),
        inclusivity=_text(
            """
            SMART welcomes anyone who wants to change a behaviour, whatever their
            goal, beliefs or path. People also attending Twelve Step groups or using
            medication for recovery are fully part of our meetings.
            """
        ),
        audience=(),
        languages=("en",),
        links=(SMART, FIND_TREATMENT, CRISIS_988),
        verified_days_ago=3,
        meetings=(
            DemoMeeting(
                "smart-nyc-online-tuesday",
                "SMART Tuesday Evening",
                TUE,
                "20:00",
                "21:30",
                ONLINE,
                ("O", "ONL", "ABC"),
                conference=_zoom("961 2284 0357", "smartnyc", DIAL_NEW_YORK),
            ),
            DemoMeeting(
                "smart-nyc-online-thursday",
                "SMART Thursday Newcomers",
                THU,
                "20:00",
                "21:30",
                ONLINE,
                ("O", "ONL", "BE"),
                conference=_zoom("961 2284 0357", "smartnyc", DIAL_NEW_YORK),
            ),
            DemoMeeting(
                "smart-nyc-online-sunday-reset",
                "SMART Sunday Reset",
                SUN,
                "19:00",
                "20:30",
                ONLINE,
                ("O", "ONL", "4PT"),
                conference=_zoom("934 7719 5520", "reset", DIAL_NEW_YORK),
            ),
        ),
    ),
    DemoGroup(
        slug="williamsburg-parents-al-anon",
        name="Williamsburg Parents Al-Anon",
        program="al-anon",
        city="new-york",
        description=_text(
            """
            An Al-Anon group for mothers, fathers and step-parents of sons and
            daughters who drink. Many of us came in terrified, exhausted and sure we
            could fix our kids. Here we learn to care for ourselves and to love
            without losing ourselves.
            """
        ),
        guidelines=_rules(
            """
            - Our children's stories are theirs: we talk about our feelings and
              choices, not their details.
            - No advice about treatment programmes; share your experience instead.
            - Monday is hybrid: people in the room and on screen take turns.
            - Saturday's meeting starts with a beginners' reading.
            """
        ),
        confidentiality=_text(
            """
            Please keep our children's identities and everything said here private,
            including from other parents you meet outside.
            """
        ),
        inclusivity=_text(
            """
            Any parent, step-parent, grandparent or guardian of someone who drinks is
            welcome, whether your child is a teenager or an adult, living with you,
            estranged, in recovery or lost.
            """
        ),
        audience=("parents", "families"),
        languages=("en",),
        links=(AL_ANON, FAMILY_PARTNERSHIP),
        verified_days_ago=33,
        meetings=(
            DemoMeeting(
                "williamsburg-parents-monday",
                "Parents of Alcoholics (hybrid)",
                MON,
                "19:30",
                "20:45",
                HYBRID,
                ("POA", "C"),
                venue="williamsburg-neighborhood-house",
                conference=_zoom("827 6612 3049", "parents", DIAL_NEW_YORK),
            ),
            DemoMeeting(
                "williamsburg-parents-saturday",
                "Parents Beginners Meeting",
                SAT,
                "10:00",
                "11:00",
                IN_PERSON,
                ("POA", "O", "BE"),
                venue="williamsburg-neighborhood-house",
            ),
        ),
    ),
    DemoGroup(
        slug="midtown-peer-connection",
        name="Midtown Peer Connection",
        program="mental-health",
        city="new-york",
        description=_text(
            """
            Peer-led support for adults living with depression, anxiety, bipolar
            disorder and other conditions, near Penn Station. Meetings in English
            on Tuesdays and online on Saturdays, and a Spanish-language group on
            Thursdays.
            """
        ),
        guidelines=_rules(
            """
            - One person speaks at a time; the talking piece goes round the circle.
            - We share coping strategies, not treatment advice.
            - You may pass at any time.
            - Please let a facilitator know if you need to leave early.
            """
        ),
        confidentiality=_text(
            """
            What you hear stays here. The only exception is a risk of serious harm,
            when facilitators will act to keep people safe. / Lo que se comparte
            aquí, se queda aquí.
            """
        ),
        inclusivity=_text(
            """
            Adults of every background are welcome, including people without
            insurance or a diagnosis. ASL interpretation is available on request,
            and our Thursday group is held entirely in Spanish.
            """
        ),
        audience=(),
        languages=("en", "es"),
        links=(NAMI, MHA, CRISIS_988, CRISIS_TEXT),
        verified_days_ago=18,
        meetings=(
            DemoMeeting(
                "midtown-peer-connection-tuesday",
                "Peer Connection Tuesday",
                TUE,
                "18:00",
                "19:30",
                IN_PERSON,
                ("CON", "O", "DEP"),
                venue="penn-plaza-peer-center",
                languages=("en",),
            ),
            DemoMeeting(
                "midtown-peer-connection-conexion",
                "Conexión entre Pares",
                THU,
                "18:00",
                "19:30",
                IN_PERSON,
                ("CON", "S"),
                venue="penn-plaza-peer-center",
                languages=("es",),
            ),
            DemoMeeting(
                "midtown-peer-connection-saturday-online",
                "Peer Connection Online",
                SAT,
                "11:00",
                "12:30",
                ONLINE,
                ("CON", "ONL", "ANX"),
                languages=("en",),
                conference=_zoom("858 3390 4412", "connect", DIAL_NEW_YORK),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Chicago
    DemoGroup(
        slug="lincoln-park-big-book",
        name="Lincoln Park Big Book Group",
        program="aa",
        city="chicago",
        description=_text(
            """
            A Big Book group in Lincoln Park. We read the first 164 pages in order,
            a few pages each meeting, and share on how the reading applies today.
            On Friday nights the Night Owls meeting runs late for those who need
            somewhere to be after the bars fill up.
            """
        ),
        guidelines=_rules(
            """
            - We read aloud in turn; pass the book along if you would rather not.
            - Share on the reading or on a problem you are facing today.
            - Sunday's meeting is closed; Thursday and Friday are open.
            - The coffee maker is everybody's job.
            """
        ),
        confidentiality=_text(
            """
            Anonymity is the foundation of everything we do. Who you see here, what
            you hear here, when you leave here, let it stay here.
            """
        ),
        inclusivity=_text(
            """
            Everybody with a desire to stop drinking is a member the moment they say
            so. We have members in their twenties and their eighties, and everyone
            in between.
            """
        ),
        audience=(),
        languages=("en",),
        links=(INTERGROUP["chicago"], AA_WORLD),
        verified_days_ago=21,
        meetings=(
            DemoMeeting(
                "lincoln-park-big-book-sunday",
                "Sunday Big Book",
                SUN,
                "19:00",
                "20:00",
                IN_PERSON,
                ("C", "B"),
                venue="fullerton-fellowship-hall",
            ),
            DemoMeeting(
                "lincoln-park-big-book-thursday",
                "Thursday Big Book Beginners",
                THU,
                "19:00",
                "20:00",
                IN_PERSON,
                ("O", "B", "BE"),
                venue="fullerton-fellowship-hall",
            ),
            DemoMeeting(
                "lincoln-park-night-owls",
                "Night Owls",
                FRI,
                "23:30",
                "00:30",
                IN_PERSON,
                ("O", "D", "CAN"),
                venue="fullerton-fellowship-hall",
                notes="Late-night meeting: Friday 11:30 pm to 12:30 am Saturday.",
            ),
        ),
    ),
    DemoGroup(
        slug="grupo-esperanza-pilsen",
        name="Grupo Esperanza Pilsen",
        program="aa",
        city="chicago",
        description=_text(
            """
            Grupo de AA de habla hispana en Pilsen, con reuniones lunes, miércoles
            y viernes por la noche. Muchos llegamos sin saber inglés y aquí
            encontramos una familia. Spanish-speaking AA in Pilsen.
            """
        ),
        guidelines=_rules(
            """
            - Llegamos a tiempo y respetamos el tiempo de los demás.
            - Cada quien habla de su propia experiencia.
            - No se permite alcohol ni otras sustancias en el local.
            - Los niños pueden esperar en la sala con supervisión.
            """
        ),
        confidentiality=_text(
            """
            Respetamos el anonimato de todos. Lo que aquí se dice no sale de aquí,
            ni en el barrio ni en las redes sociales.
            """
        ),
        inclusivity=_text(
            """
            Bienvenidos todos los que quieran dejar de beber, sin importar su país,
            sus papeles, su edad o su fe. Nadie le va a preguntar nada que no quiera
            contar.
            """
        ),
        audience=(),
        languages=("es",),
        links=(INTERGROUP["chicago"], AA_WORLD, SAMHSA),
        verified_days_ago=50,
        meetings=(
            DemoMeeting(
                "esperanza-pilsen-lunes",
                "Esperanza Lunes",
                MON,
                "20:00",
                "21:30",
                IN_PERSON,
                ("O", "S", "D"),
                venue="centro-18th-street",
            ),
            DemoMeeting(
                "esperanza-pilsen-miercoles",
                "Esperanza Estudio de Pasos",
                WED,
                "20:00",
                "21:30",
                IN_PERSON,
                ("C", "S", "ST"),
                venue="centro-18th-street",
            ),
            DemoMeeting(
                "esperanza-pilsen-viernes",
                "Esperanza Oradores",
                FRI,
                "20:00",
                "21:30",
                IN_PERSON,
                ("O", "S", "SP"),
                venue="centro-18th-street",
            ),
        ),
    ),
    DemoGroup(
        slug="wicker-park-dual-recovery",
        name="Wicker Park Dual Recovery",
        program="dual-recovery",
        city="chicago",
        description=_text(
            """
            Dual Recovery Anonymous in Wicker Park: a Twelve Step group for people
            managing both addiction and a psychiatric condition. Monday's hybrid
            discussion is friendly to anyone who cannot make it in person that week.
            """
        ),
        guidelines=_rules(
            """
            - Honour both sides of recovery; no one's diagnosis is less real.
            - Medication talk is fine; medication advice is not.
            - Keep shares under five minutes so the room and the screen both get a
              turn.
            - If you are in crisis, a member will sit with you and help you call 988.
            """
        ),
        confidentiality=_text(
            """
            Health details shared here never leave the room. We do not say who
            attends, and online members are asked not to record or screenshot.
            """
        ),
        inclusivity=_text(
            """
            Welcome, whatever your combination of challenges. This group is
            scent-free and has quiet seating by the door for anyone who needs space.
            """
        ),
        audience=(),
        languages=("en",),
        links=(DRA, NAMI_HELP, CRISIS_988),
        verified_days_ago=75,
        meetings=(
            DemoMeeting(
                "wicker-park-dual-monday",
                "Dual Recovery Discussion (hybrid)",
                MON,
                "18:00",
                "19:30",
                HYBRID,
                ("O", "D", "MED"),
                venue="damen-wellness-studio",
                conference=_zoom("816 4450 2298", "tworoads", DIAL_CHICAGO),
            ),
            DemoMeeting(
                "wicker-park-dual-saturday",
                "Dual Recovery Step Study",
                SAT,
                "10:00",
                "11:30",
                IN_PERSON,
                ("C", "ST"),
                venue="damen-wellness-studio",
            ),
        ),
    ),
    DemoGroup(
        slug="families-healing-together-chicago",
        name="Families Healing Together",
        program="family",
        city="chicago",
        description=_text(
            """
            For families and friends of someone with a substance use or
            mental-health problem. We learn practical CRAFT communication skills,
            look after our own wellbeing and support each other through hospital
            stays, relapses and good news too.
            """
        ),
        guidelines=_rules(
            """
            - Speak about your own experience, and refer to your loved one without
              using their name.
            - No shaming of anyone's choices, including staying or leaving.
            - Wednesday online sessions teach one skill each week; Sundays are open
              sharing.
            - Facilitators can share local treatment and support information on
              request.
            """
        ),
        confidentiality=_text(
            """
            Our loved ones did not choose to be discussed here, so we protect them
            too: no names, no identifying details, nothing repeated outside.
            """
        ),
        inclusivity=_text(
            """
            Parents, partners, grown children, siblings, grandparents and friends
            are all family here. Children under 16 are welcome on Sundays with an
            adult, and childcare is offered on site.
            """
        ),
        audience=("families", "parents"),
        languages=("en",),
        links=(FAMILY_PARTNERSHIP, NAMI, AL_ANON),
        verified_days_ago=28,
        meetings=(
            DemoMeeting(
                "families-healing-wednesday-online",
                "Families Healing Together: Skills Night",
                WED,
                "19:00",
                "20:30",
                ONLINE,
                ("CRA", "ONL", "O"),
                conference=_zoom("882 7714 6630", "family", DIAL_CHICAGO),
            ),
            DemoMeeting(
                "families-healing-sunday",
                "Families Healing Together: Sunday Circle",
                SUN,
                "14:00",
                "15:30",
                IN_PERSON,
                ("O", "PAR"),
                venue="wabash-family-center",
            ),
        ),
    ),
    # ---------------------------------------------------------------- Los Angeles
    DemoGroup(
        slug="echo-park-young-peoples-group",
        name="Echo Park Young People's Group",
        program="aa",
        city="los-angeles",
        description=_text(
            """
            A young people's AA group in Echo Park with a mostly under-35 crowd,
            loud laughter and a long fellowship afterwards at the taco stand across
            the street. Tuesdays are discussion, Fridays a speaker meeting.
            """
        ),
        guidelines=_rules(
            """
            - Young people's meetings are for everyone, but we keep the focus on
              getting sober young.
            - Share honestly; keep it about recovery and skip the war stories.
            - No dating pitches in the meeting. Seriously.
            - Help stack chairs and you have done service.
            """
        ),
        confidentiality=_text(
            """
            No photos, no stories tagged online, no naming who you saw. This group
            is how a lot of us stay sober; keep it safe for the next person.
            """
        ),
        inclusivity=_text(
            """
            Whether you are 19 or 49, queer or straight, a student, a parent or
            between jobs, if you want to stop drinking you are one of us.
            """
        ),
        audience=("young_people", "lgbtq"),
        languages=("en",),
        links=(INTERGROUP["los-angeles"], AA_WORLD, TREVOR),
        verified_days_ago=9,
        meetings=(
            DemoMeeting(
                "echo-park-yp-tuesday",
                "Echo Park YPs Discussion",
                TUE,
                "20:00",
                "21:00",
                IN_PERSON,
                ("O", "Y", "D"),
                venue="echo-park-clubhouse",
            ),
            DemoMeeting(
                "echo-park-yp-friday-speaker",
                "Echo Park YPs Speaker",
                FRI,
                "20:00",
                "21:30",
                IN_PERSON,
                ("O", "Y", "SP"),
                venue="echo-park-clubhouse",
            ),
        ),
    ),
    DemoGroup(
        slug="vida-nueva-boyle-heights",
        name="Vida Nueva Boyle Heights",
        program="na",
        city="los-angeles",
        description=_text(
            """
            A bilingual NA group in Boyle Heights. Wednesday's Basic Text meeting is
            in Spanish; Sunday's Just for Today meeting is bilingual, and members
            translate for each other when needed.
            """
        ),
        guidelines=_rules(
            """
            - Share in the language you are most comfortable in.
            - Members who translate do so briefly and never add their own opinion.
            - Keytags and welcome chips every meeting.
            - Childcare available on Sundays in the room next door.
            """
        ),
        confidentiality=_text(
            """
            Lo que escuchas aquí se queda aquí. What you hear here stays here. We
            protect each other's anonymity, inside and outside the community.
            """
        ),
        inclusivity=_text(
            """
            Cualquier adicto que quiera dejar de usar es bienvenido. Any addict who
            wants to stop using is welcome, whatever the drug, immigration status or
            language.
            """
        ),
        audience=("families",),
        languages=("es", "en"),
        links=(NA_SEARCH, SAMHSA),
        verified_days_ago=38,
        meetings=(
            DemoMeeting(
                "vida-nueva-miercoles",
                "Vida Nueva Texto Básico",
                WED,
                "19:00",
                "20:30",
                IN_PERSON,
                ("O", "S", "BT"),
                venue="boyle-heights-hall",
                languages=("es",),
            ),
            DemoMeeting(
                "vida-nueva-sunday-bilingual",
                "Vida Nueva Just for Today (bilingual)",
                SUN,
                "17:00",
                "18:30",
                IN_PERSON,
                ("O", "JFT", "CW"),
                venue="boyle-heights-hall",
                languages=("es", "en"),
            ),
        ),
    ),
    DemoGroup(
        slug="steady-ground-survivors-circle",
        name="Steady Ground Survivors' Circle",
        program="trauma",
        city="los-angeles",
        description=_text(
            """
            An online peer circle for adult survivors of trauma of any kind:
            childhood abuse, violence, combat, accidents, medical trauma. We focus
            on the present: grounding, sleep, relationships and what helps us feel
            safe in our bodies again.
            """
        ),
        guidelines=_rules(
            """
            - Share feelings and effects, not graphic details of what happened.
            - Give a content warning before touching on something heavy.
            - Every meeting opens and closes with a two-minute grounding exercise.
            - You may turn off your camera or step away at any time; a co-host is
              available in a breakout room if you need a moment.
            - This is peer support, not therapy; we will share resources if
              professional help would serve you.
            """
        ),
        confidentiality=_text(
            """
            No recording, no screenshots, and no repeating anyone's story. Join from
            somewhere private where you feel safe to speak, or stay on chat.
            """
        ),
        inclusivity=_text(
            """
            Survivors of every gender, age, race, faith and sexuality are welcome.
            You do not need to name your trauma to belong here, and you never have
            to prove anything.
            """
        ),
        audience=(),
        languages=("en",),
        links=(RAINN, CRISIS_988, CRISIS_TEXT, VETERANS_CRISIS),
        verified_days_ago=11,
        meetings=(
            DemoMeeting(
                "steady-ground-monday-evening",
                "Steady Ground Evening Circle",
                MON,
                "19:00",
                "20:30",
                ONLINE,
                ("C", "ONL", "GRD", "CW"),
                conference=_zoom("897 2031 6654", "steady", DIAL_SAN_JOSE),
            ),
            DemoMeeting(
                "steady-ground-thursday-noon",
                "Steady Ground Lunchtime Grounding",
                THU,
                "12:00",
                "13:00",
                ONLINE,
                ("O", "ONL", "GRD", "NF"),
                conference=_zoom("897 2031 6654", "steady", DIAL_SAN_JOSE),
            ),
        ),
    ),
    DemoGroup(
        slug="hollywood-smart-recovery",
        name="Hollywood SMART Recovery",
        program="smart",
        city="los-angeles",
        description=_text(
            """
            SMART Recovery in the middle of Hollywood, popular with people working
            irregular hours in film and hospitality. Wednesday evenings in person;
            Saturday mornings hybrid.
            """
        ),
        guidelines=_rules(
            """
            - Check in with your week, then pick a topic together.
            - Cross-talk is welcome when it is supportive and on topic.
            - No selling, recruiting or networking pitches.
            - The facilitator may gently redirect to keep the meeting useful.
            """
        ),
        confidentiality=_text(
            """
            Some members are in the public eye. Don't mention who you saw here, and
            don't photograph the room or the screen.
            """
        ),
        inclusivity=_text(
            """
            Whatever your addictive behaviour and whatever your goal, you are
            welcome. LGBTQ+ members have co-founded this group and remain at its
            heart.
            """
        ),
        audience=("lgbtq",),
        languages=("en",),
        links=(SMART, FIND_TREATMENT),
        verified_days_ago=16,
        meetings=(
            DemoMeeting(
                "hollywood-smart-wednesday",
                "SMART Hollywood Wednesday",
                WED,
                "18:30",
                "20:00",
                IN_PERSON,
                ("O", "4PT"),
                venue="cahuenga-wellness-center",
            ),
            DemoMeeting(
                "hollywood-smart-saturday-hybrid",
                "SMART Hollywood Saturday (hybrid)",
                SAT,
                "10:00",
                "11:30",
                HYBRID,
                ("O", "BE", "LGBTQ"),
                venue="cahuenga-wellness-center",
                conference=_zoom("865 0097 3312", "hwood", DIAL_SAN_JOSE),
            ),
        ),
    ),
    DemoGroup(
        slug="al-anon-en-espanol-en-linea",
        name="Al-Anon en Español en Línea",
        program="al-anon",
        city="los-angeles",
        description=_text(
            """
            Reuniones de Al-Anon por internet en español para familiares y amigos
            de alcohólicos, con miembros de California, México y más allá. Online
            Spanish-language Al-Anon meetings.
            """
        ),
        guidelines=_rules(
            """
            - Nos enfocamos en nosotros mismos, no en el alcohólico.
            - Levante la mano para compartir; el coordinador da la palabra.
            - Micrófono apagado cuando no está hablando.
            - Sin consejos ni comentarios sobre lo que comparten los demás.
            """
        ),
        confidentiality=_text(
            """
            No grabamos las reuniones. Lo que se comparte aquí, aquí se queda, y
            protegemos también el anonimato de nuestros seres queridos.
            """
        ),
        inclusivity=_text(
            """
            Toda persona afectada por la forma de beber de otra es bienvenida:
            madres, padres, parejas, hijos adultos y amigos, de cualquier país.
            """
        ),
        audience=("families",),
        languages=("es",),
        links=(AL_ANON,),
        verified_days_ago=52,
        meetings=(
            DemoMeeting(
                "al-anon-espanol-martes",
                "Al-Anon en Español: Martes",
                TUE,
                "20:00",
                "21:00",
                ONLINE,
                ("O", "S", "ONL"),
                conference=_zoom("839 5521 0076", "esperanza", DIAL_SAN_JOSE),
            ),
            DemoMeeting(
                "al-anon-espanol-sabado",
                "Al-Anon en Español: Sábado de Principiantes",
                SAT,
                "09:00",
                "10:00",
                ONLINE,
                ("O", "S", "ONL", "BE"),
                conference=_zoom("839 5521 0076", "esperanza", DIAL_SAN_JOSE),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Denver
    DemoGroup(
        slug="capitol-hill-night-owls",
        name="Capitol Hill Night Owls",
        program="aa",
        city="denver",
        description=_text(
            """
            Late meetings on Colfax for people who work evenings, can't sleep or
            need a safe place on a Saturday night. The Saturday candlelight meeting
            starts at 11 pm and carries on past midnight.
            """
        ),
        guidelines=_rules(
            """
            - Doors open 30 minutes early; coffee and snacks are free.
            - Anyone who arrives intoxicated is welcome to sit and listen quietly.
            - Share from your own experience; no cross talk.
            - Volunteers walk members to the bus stop after the late meeting.
            """
        ),
        confidentiality=_text(
            """
            Late nights can mean hard stories. Everything shared after dark stays in
            this hall, and we never say who was here.
            """
        ),
        inclusivity=_text(
            """
            Night-shift workers, service-industry folks, insomniacs, people between
            homes: anyone with a desire to stop drinking has a seat here.
            """
        ),
        audience=(),
        languages=("en",),
        links=(INTERGROUP["denver"], AA_WORLD, CRISIS_988),
        verified_days_ago=19,
        meetings=(
            DemoMeeting(
                "night-owls-wednesday",
                "Night Owls Discussion",
                WED,
                "21:00",
                "22:00",
                IN_PERSON,
                ("O", "D"),
                venue="colfax-fellowship-hall",
            ),
            DemoMeeting(
                "night-owls-saturday-candlelight",
                "Night Owls Candlelight",
                SAT,
                "23:00",
                "00:30",
                IN_PERSON,
                ("O", "SP", "CAN"),
                venue="colfax-fellowship-hall",
                notes="Saturday 11 pm until 12:30 am Sunday.",
            ),
        ),
    ),
    DemoGroup(
        slug="five-points-veterans-dual-recovery",
        name="Five Points Veterans Dual Recovery",
        program="dual-recovery",
        city="denver",
        description=_text(
            """
            A dual recovery group by and for veterans living with addiction
            alongside PTSD, depression, TBI or other conditions. We meet at a
            veterans' hall in Five Points; Thursday's meeting is also online for
            members across the Front Range.
            """
        ),
        guidelines=_rules(
            """
            - Rank stays at the door; first names only.
            - No combat detail or graphic description; talk about now.
            - Members may leave and re-enter quietly; the back row is by the exit.
            - VA or non-VA care, medication or none: nobody's path is questioned.
            """
        ),
        confidentiality=_text(
            """
            What is said here does not go back to any unit, employer, the VA or
            family. We do not take attendance for anyone but ourselves.
            """
        ),
        inclusivity=_text(
            """
            Veterans of every branch and era, with any discharge status, are
            welcome, as are members of the Guard and Reserve. Women veterans and
            LGBTQ+ veterans are part of this group's core.
            """
        ),
        audience=("veterans",),
        languages=("en",),
        links=(VETERANS_CRISIS, DRA, SAMHSA),
        verified_days_ago=27,
        meetings=(
            DemoMeeting(
                "five-points-veterans-tuesday",
                "Veterans Dual Recovery Discussion",
                TUE,
                "18:00",
                "19:30",
                IN_PERSON,
                ("C", "VET", "D"),
                venue="welton-veterans-hall",
            ),
            DemoMeeting(
                "five-points-veterans-thursday",
                "Veterans Dual Recovery Steps (hybrid)",
                THU,
                "18:00",
                "19:30",
                HYBRID,
                ("C", "VET", "ST"),
                venue="welton-veterans-hall",
                conference=_zoom("874 2210 9983", "frontrange", DIAL_HOUSTON),
            ),
        ),
    ),
    DemoGroup(
        slug="lodo-al-anon-and-alateen",
        name="LoDo Al-Anon & Alateen",
        program="al-anon",
        city="denver",
        description=_text(
            """
            Al-Anon and Alateen meeting side by side on Monday evenings, so parents
            and teenagers can come together and meet separately. On Saturday
            mornings an Adult Children meeting looks at how growing up with
            drinking shapes us today.
            """
        ),
        guidelines=_rules(
            """
            - Alateen is for members aged 12 to 19 and is sponsored by two Al-Anon
              members who meet the area's safety requirements.
            - Adults do not attend Alateen unless they are its sponsors.
            - In every meeting we keep the focus on ourselves.
            - Literature is free for newcomers.
            """
        ),
        confidentiality=_text(
            """
            What a teenager shares in Alateen is not passed on to parents, and what
            parents share is not passed on to teenagers. The group keeps everyone's
            anonymity.
            """
        ),
        inclusivity=_text(
            """
            Welcome to anyone affected by someone else's drinking: teenagers,
            parents, partners and adult children, of every background.
            """
        ),
        audience=("families", "young_people"),
        languages=("en",),
        links=(AL_ANON, INTERGROUP["denver"]),
        verified_days_ago=64,
        meetings=(
            DemoMeeting(
                "lodo-al-anon-monday",
                "LoDo Al-Anon",
                MON,
                "19:00",
                "20:00",
                IN_PERSON,
                ("O", "AL", "BE"),
                venue="larimer-community-room",
            ),
            DemoMeeting(
                "lodo-alateen-monday",
                "LoDo Alateen",
                MON,
                "19:00",
                "20:00",
                IN_PERSON,
                ("Y", "C"),
                venue="larimer-community-room",
            ),
            DemoMeeting(
                "lodo-adult-children-saturday",
                "LoDo Adult Children Focus",
                SAT,
                "10:00",
                "11:00",
                IN_PERSON,
                ("O", "AC"),
                venue="larimer-community-room",
            ),
        ),
    ),
    # ---------------------------------------------------------------- Austin
    DemoGroup(
        slug="east-austin-freedom-group",
        name="East Austin Freedom Group",
        program="na",
        city="austin",
        description=_text(
            """
            A welcoming NA group on East Sixth with three meetings a week: Basic
            Text on Mondays, a speaker on Fridays and a Saturday step meeting
            working through the Step Working Guides.
            """
        ),
        guidelines=_rules(
            """
            - Meetings start and end on time.
            - Share about your recovery, in your own words.
            - Please take disagreements outside after the meeting.
            - Cell phones off or on silent.
            """
        ),
        confidentiality=_text(
            """
            Who you see here and what is said here stays here. Our anonymity keeps
            the door open for the next addict who walks in.
            """
        ),
        inclusivity=_text(
            """
            Any addict seeking recovery is welcome. The group is proud to be a home
            for people in medication-assisted treatment, people coming from jail or
            treatment, and people who just walked in off the street.
            """
        ),
        audience=("newcomers",),
        languages=("en",),
        links=(NA_SEARCH, SAMHSA, CRISIS_988),
        verified_days_ago=44,
        meetings=(
            DemoMeeting(
                "east-austin-freedom-monday",
                "Freedom Basic Text",
                MON,
                "19:00",
                "20:30",
                IN_PERSON,
                ("O", "BT"),
                venue="east-sixth-community-hall",
            ),
            DemoMeeting(
                "east-austin-freedom-friday",
                "Freedom Speaker Night",
                FRI,
                "19:00",
                "20:30",
                IN_PERSON,
                ("O", "SPK"),
                venue="east-sixth-community-hall",
            ),
            DemoMeeting(
                "east-austin-freedom-saturday",
                "Freedom Step Working Guide",
                SAT,
                "12:00",
                "13:00",
                IN_PERSON,
                ("C", "SWG", "STEP"),
                venue="east-sixth-community-hall",
            ),
        ),
    ),
    DemoGroup(
        slug="austin-peer-support-collective",
        name="Austin Peer Support Collective",
        program="mental-health",
        city="austin",
        description=_text(
            """
            Peer support for adults living with anxiety, depression, bipolar
            disorder and other mental-health challenges, facilitated by certified
            peer specialists. A Spanish-language circle meets on Sunday afternoons.
            """
        ),
        guidelines=_rules(
            """
            - Everyone gets a turn to check in; you may pass.
            - Talk about what helps: routines, people, tools, small wins.
            - No diagnosing, no lecturing, no debate about treatment.
            - Online participants on Wednesdays join through the screen at the front.
            """
        ),
        confidentiality=_text(
            """
            What we share here stays here. Facilitators act only if someone is at
            immediate risk, and even then they will involve you first.
            """
        ),
        inclusivity=_text(
            """
            This collective is for every adult who wants peer support for their
            mental health, diagnosed or not, insured or not, English- or
            Spanish-speaking.
            """
        ),
        audience=("young_people",),
        languages=("en", "es"),
        links=(NAMI, MHA, CRISIS_988, CRISIS_TEXT),
        verified_days_ago=6,
        meetings=(
            DemoMeeting(
                "austin-peer-support-wednesday",
                "Peer Support Wednesday (hybrid)",
                WED,
                "18:30",
                "20:00",
                HYBRID,
                ("CON", "O", "ANX"),
                venue="lavaca-peer-center",
                languages=("en",),
                conference=_zoom("849 3306 1175", "peers", DIAL_HOUSTON),
            ),
            DemoMeeting(
                "austin-peer-support-sunday",
                "Peer Support Sunday",
                SUN,
                "15:00",
                "16:30",
                IN_PERSON,
                ("CON", "O", "Y"),
                venue="lavaca-peer-center",
                languages=("en",),
            ),
            DemoMeeting(
                "austin-apoyo-entre-pares",
                "Apoyo entre Pares",
                SUN,
                "17:00",
                "18:30",
                IN_PERSON,
                ("CON", "S"),
                venue="lavaca-peer-center",
                languages=("es",),
            ),
        ),
    ),
    DemoGroup(
        slug="smart-family-and-friends-austin",
        name="SMART Family & Friends Austin",
        program="smart",
        city="austin",
        description=_text(
            """
            SMART Recovery Family & Friends meetings online, for people who love
            someone struggling with addiction. We use CRAFT-based tools to improve
            communication, set boundaries and take care of ourselves.
            """
        ),
        guidelines=_rules(
            """
            - Our focus is what we can change: our own responses.
            - Share tools and experience; avoid blaming language about loved ones.
            - Cameras optional, first names or initials only.
            """
        ),
        confidentiality=_text(
            """
            Nothing shared here is recorded or repeated, and we never name the
            person we are worried about.
            """
        ),
        inclusivity=_text(
            """
            Any family member or friend is welcome, whether your loved one is using,
            in treatment, in recovery or not speaking to you.
            """
        ),
        audience=("families", "parents"),
        languages=("en",),
        links=(SMART, FAMILY_PARTNERSHIP),
        verified_days_ago=13,
        meetings=(
            DemoMeeting(
                "smart-family-austin-tuesday",
                "SMART Family & Friends Tuesday",
                TUE,
                "19:00",
                "20:30",
                ONLINE,
                ("FAM", "ONL"),
                conference=_zoom("812 6634 9901", "family", DIAL_HOUSTON),
            ),
            DemoMeeting(
                "smart-family-austin-saturday",
                "SMART Family & Friends Saturday",
                SAT,
                "09:30",
                "11:00",
                ONLINE,
                ("FAM", "ONL", "O"),
                conference=_zoom("812 6634 9901", "family", DIAL_HOUSTON),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Seattle
    DemoGroup(
        slug="pike-pine-rainbow-group",
        name="Pike/Pine Rainbow Group",
        program="aa",
        city="seattle",
        description=_text(
            """
            An LGBTQ+ AA group on Capitol Hill. Sunday evening discussion and a
            Thursday step meeting, both with a trans and non-binary welcome read at
            the start.
            """
        ),
        guidelines=_rules(
            """
            - Introduce yourself with a first name and, if you like, your pronouns.
            - Respect each person's identity and words for themselves.
            - Shares stay on sobriety and recovery.
            - Literature and rainbow chips are free.
            """
        ),
        confidentiality=_text(
            """
            Outing anyone, in recovery or in identity, breaks the trust that holds
            this group together. What's shared here stays here.
            """
        ),
        inclusivity=_text(
            """
            This meeting centres LGBTQ+ alcoholics and welcomes anyone who wants to
            stop drinking, including allies who come to support a friend.
            """
        ),
        audience=("lgbtq",),
        languages=("en",),
        links=(INTERGROUP["seattle"], AA_WORLD, TREVOR),
        verified_days_ago=22,
        meetings=(
            DemoMeeting(
                "pike-pine-rainbow-sunday",
                "Rainbow Sunday Discussion",
                SUN,
                "18:00",
                "19:00",
                IN_PERSON,
                ("O", "LGBTQ", "D"),
                venue="pike-pine-fellowship-hall",
            ),
            DemoMeeting(
                "pike-pine-rainbow-thursday",
                "Rainbow Step Meeting",
                THU,
                "19:30",
                "20:30",
                IN_PERSON,
                ("O", "LGBTQ", "ST", "T", "NB"),
                venue="pike-pine-fellowship-hall",
            ),
        ),
    ),
    DemoGroup(
        slug="third-avenue-noon-group",
        name="Third Avenue Noon Group",
        program="aa",
        city="seattle",
        description=_text(
            """
            A downtown lunchtime AA group. While our hall is closed for repairs the
            Wednesday meeting is paused and the Monday meeting meets online at the
            usual time.
            """
        ),
        guidelines=_rules(
            """
            - Fifty minutes, on time, so people can get back to work.
            - Chair's choice of topic; shares of about three minutes.
            - Online: mute on entry, raise your hand to share.
            """
        ),
        confidentiality=_text(
            """
            Downtown is a small world. Please keep who you see and what you hear
            here to yourself, at the office and everywhere else.
            """
        ),
        inclusivity=_text(
            """
            Anyone who wants to stop drinking is welcome, from the office towers
            and from the street alike.
            """
        ),
        audience=(),
        languages=("en",),
        links=(INTERGROUP["seattle"], AA_WORLD),
        verified_days_ago=4,
        meetings=(
            DemoMeeting(
                "third-avenue-noon-monday-online",
                "Third Avenue Noon (online)",
                MON,
                "12:00",
                "12:50",
                ONLINE,
                ("O", "D", "ONL"),
                conference=_zoom("828 1005 4432", "noon", DIAL_TACOMA),
            ),
            DemoMeeting(
                "third-avenue-noon-wednesday",
                "Third Avenue Noon",
                WED,
                "12:00",
                "12:50",
                IN_PERSON,
                ("O", "D", "TC"),
                venue="third-avenue-parish-hall",
                status="temporarily_closed",
                notes="Paused while the parish hall is repaired; join Mondays online.",
            ),
        ),
    ),
    DemoGroup(
        slug="fremont-trauma-recovery-circle",
        name="Fremont Women's Trauma Recovery Circle",
        program="trauma",
        city="seattle",
        description=_text(
            """
            A peer circle for women healing from trauma, including domestic and
            sexual violence. We practise grounding together, share what is helping
            us rebuild, and keep a gentle, predictable structure every week.
            """
        ),
        guidelines=_rules(
            """
            - No graphic details; speak about feelings, effects and healing.
            - Use content warnings before heavy topics.
            - No advice unless asked, and never pressure anyone to report or
              confront.
            - A quiet corner with blankets and fidget tools is always available.
            - Facilitators are trained peers, not therapists, and will share
              professional resources on request.
            """
        ),
        confidentiality=_text(
            """
            Safety depends on privacy. We never share members' names, whereabouts
            or stories, and never confirm to anyone, including partners, that a
            woman attends.
            """
        ),
        inclusivity=_text(
            """
            This circle is for all women, trans women included, and for non-binary
            people who feel at home in a women's space. Survivors of every
            background and faith are welcome.
            """
        ),
        audience=("women",),
        languages=("en",),
        links=(RAINN, CRISIS_988, CRISIS_TEXT),
        verified_days_ago=15,
        meetings=(
            DemoMeeting(
                "fremont-trauma-tuesday",
                "Women's Trauma Recovery Circle",
                TUE,
                "18:30",
                "20:00",
                IN_PERSON,
                ("C", "W", "GRD", "NF"),
                venue="fremont-wellness-commons",
            ),
            DemoMeeting(
                "fremont-trauma-saturday",
                "Saturday Grounding Circle",
                SAT,
                "10:30",
                "12:00",
                IN_PERSON,
                ("O", "W", "GRD"),
                venue="fremont-wellness-commons",
            ),
        ),
    ),
    DemoGroup(
        slug="eastlake-grief-and-loss-circle",
        name="Eastlake Grief & Loss Peer Circle",
        program="other",
        city="seattle",
        focus="mental_health",
        description=_text(
            """
            A peer circle for people grieving a death, including loss to overdose
            or suicide. There is no program to follow, only time to talk and
            listen with others who understand.
            """
        ),
        guidelines=_rules(
            """
            - Grief has no timetable; nobody is told to move on.
            - We do not compare losses.
            - Silence is welcome; you may just listen.
            - Sunday's online circle uses the chat for names we want remembered.
            """
        ),
        confidentiality=_text(
            """
            The names and stories of those we have lost are held with care and
            stay within the circle.
            """
        ),
        inclusivity=_text(
            """
            Anyone grieving is welcome, however recent or long ago the loss and
            whatever the cause, including people grieving in recovery themselves.
            """
        ),
        audience=("families",),
        languages=("en",),
        links=(COMPASSIONATE_FRIENDS, CRISIS_988),
        verified_days_ago=90,
        meetings=(
            DemoMeeting(
                "eastlake-grief-thursday",
                "Grief & Loss Circle",
                THU,
                "18:00",
                "19:30",
                IN_PERSON,
                ("O", "D"),
                venue="eastlake-community-room",
            ),
            DemoMeeting(
                "eastlake-grief-sunday-online",
                "Grief & Loss Circle (online)",
                SUN,
                "16:00",
                "17:30",
                ONLINE,
                ("O", "ONL"),
                conference=_zoom("867 4418 2203", "remember", DIAL_TACOMA),
            ),
        ),
    ),
    # ---------------------------------------------------------------- Boston
    DemoGroup(
        slug="back-bay-womens-group",
        name="Back Bay Women's Group",
        program="aa",
        city="boston",
        description=_text(
            """
            A women's AA group in Back Bay: a Tuesday evening step meeting and a
            Saturday breakfast meeting where sponsors and sponsees often sit
            together over coffee and muffins.
            """
        ),
        guidelines=_rules(
            """
            - Tuesday is a closed step meeting, working one step a month.
            - Saturday breakfast starts at 8:00; food from 7:30.
            - Phone list is voluntary; add your number if you are willing to take
              calls.
            - Babies in arms are welcome on Saturdays.
            """
        ),
        confidentiality=_text(
            """
            Women here talk about things we have never said aloud before. Please
            honour that: what is shared at this table stays at this table.
            """
        ),
        inclusivity=_text(
            """
            All women with a desire to stop drinking are welcome, including trans
            women and women of every age, culture and faith.
            """
        ),
        audience=("women",),
        languages=("en",),
        links=(INTERGROUP["boston"], AA_WORLD),
        verified_days_ago=35,
        meetings=(
            DemoMeeting(
                "back-bay-women-tuesday",
                "Back Bay Women's Step Meeting",
                TUE,
                "18:30",
                "19:30",
                IN_PERSON,
                ("C", "W", "ST"),
                venue="clarendon-parish-hall",
            ),
            DemoMeeting(
                "back-bay-women-saturday-breakfast",
                "Back Bay Women's Breakfast",
                SAT,
                "08:00",
                "09:00",
                IN_PERSON,
                ("O", "W", "BRK", "CF"),
                venue="clarendon-parish-hall",
            ),
        ),
    ),
    DemoGroup(
        slug="jamaica-plain-survivors-circle",
        name="Jamaica Plain Survivors' Circle",
        program="trauma",
        city="boston",
        visibility="private",
        description=_text(
            """
            A closed, members-only peer circle for survivors of childhood abuse. New
            members join after a conversation with a facilitator, so the group can
            stay small and steady.
            """
        ),
        guidelines=_rules(
            """
            - Membership is by invitation after a first conversation.
            - Share feelings and present-day struggles, not graphic memories.
            - Members agree to attend regularly or let the group know when away.
            - Grounding opens and closes every session.
            """
        ),
        confidentiality=_text(
            """
            The meeting place, time and membership of this circle are private. We
            do not share them with anyone, and nothing said here is repeated.
            """
        ),
        inclusivity=_text(
            """
            Adult survivors of any gender, culture or sexuality are welcome to ask
            about joining. Facilitators can suggest other groups if this one is
            full or not the right fit.
            """
        ),
        audience=("lgbtq", "bipoc"),
        languages=("en",),
        links=(RAINN, CRISIS_988),
        meetings=(
            DemoMeeting(
                "jamaica-plain-survivors-wednesday",
                "Survivors' Circle",
                WED,
                "19:00",
                "20:30",
                IN_PERSON,
                ("C", "NF", "GRD"),
                venue="centre-street-community-room",
            ),
        ),
    ),
    DemoGroup(
        slug="central-square-smart-recovery",
        name="Central Square SMART Recovery",
        program="smart",
        city="boston",
        description=_text(
            """
            SMART Recovery in Cambridge's Central Square: a lunchtime meeting for
            newcomers on Mondays and a hybrid evening meeting on Wednesdays. Many
            members are students, researchers and hospital staff.
            """
        ),
        guidelines=_rules(
            """
            - Tools over labels: we talk about behaviours, not identities.
            - Facilitators keep the check-in to a minute each.
            - Be curious rather than critical about each other's setbacks.
            """
        ),
        confidentiality=_text(
            """
            Members' names, workplaces and stories stay in the room. Hybrid
            participants, please use headphones.
            """
        ),
        inclusivity=_text(
            """
            Open to anyone who wants to change an addictive behaviour, with any
            goal, from moderation to abstinence, and any other support alongside.
            """
        ),
        audience=(),
        languages=("en",),
        links=(SMART, FIND_TREATMENT),
        verified_days_ago=10,
        meetings=(
            DemoMeeting(
                "central-square-smart-monday-lunch",
                "SMART Central Square Lunch",
                MON,
                "12:00",
                "13:00",
                IN_PERSON,
                ("O", "BE"),
                venue="central-square-wellness-loft",
            ),
            DemoMeeting(
                "central-square-smart-wednesday",
                "SMART Central Square Evening (hybrid)",
                WED,
                "19:00",
                "20:30",
                HYBRID,
                ("O", "4PT"),
                venue="central-square-wellness-loft",
                conference=_zoom("879 3324 6610", "cambridge", DIAL_NEW_YORK),
            ),
        ),
    ),
    DemoGroup(
        slug="south-end-family-program-alumni",
        name="South End Family Program Alumni Circle",
        program="family",
        city="boston",
        visibility="unlisted",
        description=_text(
            """
            A continuing circle for families who have finished a hospital family
            programme in the South End. The link is shared with graduates at the
            end of the programme rather than listed in the directory.
            """
        ),
        guidelines=_rules(
            """
            - We build on the CRAFT skills practised in the programme.
            - Each meeting has a short check-in and one practice conversation.
            - No one is required to share about their loved one's treatment.
            """
        ),
        confidentiality=_text(
            """
            Many of our loved ones were patients together. Never discuss another
            family's situation outside the circle.
            """
        ),
        inclusivity=_text(
            """
            Every family member who took part in the programme is welcome, and may
            bring another relative or a close friend.
            """
        ),
        audience=("families", "parents"),
        languages=("en",),
        links=(FAMILY_PARTNERSHIP, NAMI_HELP),
        verified_days_ago=70,
        meetings=(
            DemoMeeting(
                "south-end-family-alumni-thursday",
                "Family Alumni Circle",
                THU,
                "18:30",
                "20:00",
                IN_PERSON,
                ("C", "PAR", "CRA"),
                venue="washington-street-family-center",
            ),
        ),
    ),
)

# Words for synthetic groups (``seed_demo --meetings N``).
SYNTHETIC_GROUP_WORDS: tuple[str, ...] = (
    "Serenity",
    "Hope",
    "New Beginnings",
    "Keep It Simple",
    "Daily Reprieve",
    "Courage to Change",
    "Common Ground",
    "Fresh Start",
    "Open Door",
    "Lifeline",
    "Harbor",
    "Sunrise",
    "Crossroads",
    "One Day at a Time",
    "Steady Steps",
    "Safe Harbor",
    "Circle of Support",
    "Turning Point",
    "Pathways",
    "Kindred",
)
SYNTHETIC_VENUE_KINDS: tuple[str, ...] = (
    "Community Center",
    "Fellowship Hall",
    "Public Library Meeting Room",
    "Parish Hall",
    "Recovery Clubhouse",
    "Wellness Center",
    "Senior Center",
    "YMCA Program Room",
)

# Program mix of synthetic groups, as weights (roughly the mix of real directories).
SYNTHETIC_PROGRAM_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("aa", 40),
    ("na", 18),
    ("al-anon", 12),
    ("smart", 8),
    ("mental-health", 7),
    ("dual-recovery", 4),
    ("trauma", 4),
    ("family", 4),
    ("other", 3),
)
# Each program's everyday types, the ones synthetic meetings draw from.
SYNTHETIC_TYPE_POOLS: dict[str, tuple[str, ...]] = {
    "aa": (
        "O",
        "C",
        "D",
        "SP",
        "B",
        "ST",
        "BE",
        "12x12",
        "W",
        "M",
        "Y",
        "LGBTQ",
        "X",
        "MED",
        "BRK",
        "DR",
        "CAN",
    ),
    "na": ("O", "C", "BT", "JFT", "SPK", "STEP", "BEG", "DISC", "LC", "TOP", "CAN"),
    "al-anon": ("O", "C", "BE", "ST", "SP", "AC", "POA", "Y", "AL", "W"),
    "smart": ("O", "BE", "4PT", "ABC", "CBA", "FAM", "W", "M"),
    "dual-recovery": ("O", "C", "D", "ST", "MED", "BE", "VET"),
    "trauma": ("O", "C", "GRD", "CW", "NF", "W", "SA"),
    "mental-health": ("O", "C", "CON", "DEP", "ANX", "BP", "Y"),
    "family": ("O", "C", "CRA", "PAR", "SIB", "GRF"),
    "other": ("O", "C", "D", "X"),
}
SYNTHETIC_GROUP_SUFFIX: dict[str, str] = {
    "aa": "Group",
    "na": "NA",
    "al-anon": "Al-Anon Family Group",
    "smart": "SMART Recovery",
    "dual-recovery": "Dual Recovery",
    "trauma": "Survivors' Circle",
    "mental-health": "Peer Connection",
    "family": "Family Circle",
    "other": "Peer Circle",
}
# Start times (HH:MM) and weights: mostly morning, noon and evening.
SYNTHETIC_START_TIMES: tuple[tuple[str, int], ...] = (
    ("06:30", 3),
    ("07:00", 6),
    ("07:30", 3),
    ("08:00", 4),
    ("09:00", 3),
    ("10:00", 5),
    ("10:30", 2),
    ("11:00", 2),
    ("12:00", 9),
    ("12:15", 2),
    ("12:30", 3),
    ("13:00", 2),
    ("15:00", 1),
    ("17:30", 3),
    ("18:00", 6),
    ("18:30", 6),
    ("19:00", 12),
    ("19:30", 9),
    ("20:00", 9),
    ("20:30", 3),
    ("21:00", 2),
    ("22:00", 1),
    ("23:00", 1),
)

"""The standard programs, their meeting-type vocabularies and the language table.

Plain data, loaded into the database by ``services.programs_sync``. A type code
means what its program says it means: ``POA`` is "Proof of Attendance" in AA and
"Parents of Alcoholics" in Al-Anon, ``Y`` is "Young People" in AA and "Alateen"
in Al-Anon.

AA's vocabulary is the Meeting Guide specification's type list (code4recovery/spec,
README "Meeting Types"), plus ``ONL``, which the spec retired but the 12 Step
Meeting List plugin and many feeds still send. Al-Anon's follows the Al-Anon types
of the 12 Step Meeting List plugin; NA's the NA conventions of the same plugin.
The other vocabularies are our own, kept small.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TypeDef:
    """One meeting type in a program's namespace."""

    code: str
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class ProgramDef:
    """A program, its focus (a ``models.Focus`` value) and its type vocabulary."""

    code: str
    name: str
    focus: str
    description: str
    website: str
    types: tuple[TypeDef, ...]


@dataclass(frozen=True, slots=True)
class LanguageDef:
    """A language by ISO 639-1 code (ISO 639-3 where 639-1 has none, e.g. ASL)."""

    code: str
    name: str


T = TypeDef

# Types shared, with the same meaning, by most programs' vocabularies below.
_ONLINE = T("ONL", "Online Meeting")
_TEMPORARILY_CLOSED = T("TC", "Location Temporarily Closed")

AA_TYPES: tuple[TypeDef, ...] = (
    T("11", "11th Step Meditation"),
    T("12x12", "12 Steps & 12 Traditions"),
    T("A", "Secular"),
    T("ABSI", "As Bill Sees It"),
    T("AF", "Afrikaans"),
    T("AL", "Concurrent with Alateen"),
    T("AL-AN", "Concurrent with Al-Anon"),
    T("AM", "Amharic"),
    T("AR", "Arabic"),
    T("ASL", "American Sign Language"),
    T("B", "Big Book"),
    T("BA", "Babysitting Available"),
    T("BE", "Newcomer"),
    T("BG", "Bulgarian"),
    T("BI", "Bisexual"),
    T("BRK", "Breakfast"),
    T(
        "C",
        "Closed",
        "Closed meetings are for A.A. members only, or for those who have a "
        "drinking problem and have a desire to stop drinking.",
    ),
    T("CAN", "Candlelight"),
    T("CF", "Child-Friendly"),
    T("D", "Discussion"),
    T("DA", "Danish"),
    T("DB", "Digital Basket"),
    T("DD", "Dual Diagnosis"),
    T("DE", "German"),
    T("DR", "Daily Reflections"),
    T("EL", "Greek"),
    T("EN", "English"),
    T("FA", "Persian"),
    T("FF", "Fragrance Free"),
    T("FI", "Finnish"),
    T("FR", "French"),
    T("G", "Gay"),
    T("GR", "Grapevine"),
    T("H", "Birthday"),
    T("HE", "Hebrew"),
    T("HI", "Hindi"),
    T("HR", "Croatian"),
    T("HU", "Hungarian"),
    T("IS", "Icelandic"),
    T("ITA", "Italian"),
    T("JA", "Japanese"),
    T("KA", "Georgian"),
    T("KOR", "Korean"),
    T("L", "Lesbian"),
    T("LGBTQ", "LGBTQ"),
    T("LIT", "Literature"),
    T("LS", "Living Sober"),
    T("LT", "Lithuanian"),
    T("M", "Men"),
    T("MED", "Meditation"),
    T("ML", "Malayalam"),
    T("MT", "Maltese"),
    T("N", "Native American"),
    T("NB", "Non-Binary"),
    T("NDG", "Indigenous"),
    T("NE", "Nepali"),
    T("NL", "Dutch"),
    T("NO", "Norwegian"),
    T(
        "O",
        "Open",
        "Open meetings are available to anyone interested in the A.A. program of "
        "recovery from alcoholism. Nonalcoholics may attend as observers.",
    ),
    _ONLINE,
    T("OUT", "Outdoor"),
    T("P", "Professionals"),
    T("POA", "Proof of Attendance"),
    T("POC", "People of Color"),
    T("POL", "Polish"),
    T("POR", "Portuguese"),
    T("PUN", "Punjabi"),
    T("RUS", "Russian"),
    T("S", "Spanish"),
    T("SEN", "Seniors"),
    T("SK", "Slovak"),
    T("SL", "Slovenian"),
    T("SM", "Smoking Permitted"),
    T("SP", "Speaker"),
    T("ST", "Step Study"),
    T("SV", "Swedish"),
    T("T", "Transgender"),
    _TEMPORARILY_CLOSED,
    T("TH", "Thai"),
    T("TL", "Tagalog"),
    T("TR", "Tradition Study"),
    T("TUR", "Turkish"),
    T("UK", "Ukrainian"),
    T("W", "Women"),
    T("X", "Wheelchair Access"),
    T("XB", "Wheelchair-Accessible Bathroom"),
    T("XT", "Cross Talk Permitted"),
    T("Y", "Young People"),
)

AL_ANON_TYPES: tuple[TypeDef, ...] = (
    T("A", "Atheist / Agnostic"),
    T("AA", "Concurrent with AA Meeting"),
    T("AC", "Adult Children", "Focus on growing up with alcoholism in the family."),
    T("AL", "Concurrent with Alateen Meeting"),
    T("BA", "Babysitting Available"),
    T("BE", "Beginner"),
    T(
        "C",
        "Families and Friends Only",
        "Closed meetings are for members and prospective members: people whose "
        "lives have been affected by someone else's drinking.",
    ),
    T("EN", "English"),
    T("FF", "Fragrance Free"),
    T("G", "Gay"),
    T("L", "Lesbian"),
    T("LGBTQIA", "LGBTQIA+"),
    T("M", "Men"),
    T(
        "O",
        "Families, Friends and Observers Welcome",
        "Open to anyone interested in the family disease of alcoholism.",
    ),
    _ONLINE,
    T("POA", "Parents of Alcoholics"),
    T("POC", "People of Color"),
    T("S", "Spanish"),
    T("SM", "Smoking Permitted"),
    T("SP", "Speaker"),
    T("ST", "Step Meeting"),
    T("T", "Transgender"),
    _TEMPORARILY_CLOSED,
    T("W", "Women"),
    T("X", "Wheelchair Accessible"),
    T("Y", "Alateen", "For young people affected by someone else's drinking."),
    T("YA", "Young Adults"),
)

NA_TYPES: tuple[TypeDef, ...] = (
    T("BEG", "Beginner/Newcomer"),
    T("BT", "Basic Text"),
    T("C", "Closed", "For addicts and those who think they may have a drug problem."),
    T("CAN", "Candlelight"),
    T("CPT", "12 Concepts"),
    T("CW", "Children Welcome"),
    T("DISC", "Discussion/Participation"),
    T("GL", "Gay/Lesbian"),
    T("IP", "IP Study"),
    T("IW", "It Works Study"),
    T("JFT", "Just For Today Study"),
    T("LC", "Living Clean"),
    T("LIT", "Literature Study"),
    T("M", "Men"),
    T("MED", "Meditation"),
    T("NS", "Non-Smoking"),
    T("O", "Open", "Anyone may attend, including family, friends and professionals."),
    _ONLINE,
    T("QA", "Questions & Answers"),
    T("S", "Spanish"),
    T("SPAD", "Spiritual Principle a Day"),
    T("SPK", "Speaker"),
    T("STEP", "Step"),
    T("SWG", "Step Working Guide Study"),
    _TEMPORARILY_CLOSED,
    T("TOP", "Topic"),
    T("TRAD", "Tradition"),
    T("VAR", "Format Varies"),
    T("W", "Women"),
    T("X", "Wheelchair Accessible"),
    T("Y", "Young People"),
)

SMART_TYPES: tuple[TypeDef, ...] = (
    T("4PT", "4-Point Program Focus"),
    T("ABC", "ABC Tool Practice"),
    T("BE", "Newcomer Friendly"),
    T("CBA", "Cost-Benefit Analysis"),
    T("FAM", "SMART Family & Friends"),
    T("LGBTQ", "LGBTQ+"),
    T("M", "Men"),
    T("O", "Open", "Anyone working on an addictive behaviour may attend."),
    _ONLINE,
    T("S", "Spanish"),
    _TEMPORARILY_CLOSED,
    T("VET", "Veterans"),
    T("W", "Women"),
    T("X", "Wheelchair Access"),
    T("Y", "Young Adults"),
)

DUAL_RECOVERY_TYPES: tuple[TypeDef, ...] = (
    T("BE", "Newcomer"),
    T("C", "Closed", "For people living with both addiction and a mental illness."),
    T("D", "Discussion"),
    T("MED", "Medication-Friendly", "Prescribed psychiatric medication respected."),
    T("O", "Open"),
    _ONLINE,
    T("S", "Spanish"),
    T("ST", "Step Study"),
    _TEMPORARILY_CLOSED,
    T("VET", "Veterans"),
    T("W", "Women"),
    T("X", "Wheelchair Access"),
)

TRAUMA_TYPES: tuple[TypeDef, ...] = (
    T("C", "Closed", "For survivors only."),
    T("CW", "Content Warnings Used"),
    T("GRD", "Grounding Practice"),
    T("LGBTQ", "LGBTQ+"),
    T("M", "Men"),
    T("NF", "No Details Shared", "Members share feelings, not graphic detail."),
    T("O", "Open", "Survivors and supporters may attend."),
    _ONLINE,
    T("S", "Spanish"),
    T("SA", "Sexual Violence Survivors"),
    _TEMPORARILY_CLOSED,
    T("VET", "Veterans"),
    T("W", "Women"),
    T("X", "Wheelchair Access"),
)

MENTAL_HEALTH_TYPES: tuple[TypeDef, ...] = (
    T("ANX", "Anxiety"),
    T("BP", "Bipolar"),
    T("C", "Closed", "For people living with a mental-health condition."),
    T("CON", "Connection Group", "Recovery support led by trained peers."),
    T("DEP", "Depression"),
    T("LGBTQ", "LGBTQ+"),
    T("O", "Open"),
    _ONLINE,
    T("S", "Spanish"),
    _TEMPORARILY_CLOSED,
    T("X", "Wheelchair Access"),
    T("Y", "Young Adults"),
)

FAMILY_TYPES: tuple[TypeDef, ...] = (
    T("C", "Closed", "For family members and friends only."),
    T("CRA", "CRAFT Skills", "Community Reinforcement and Family Training."),
    T("GRF", "Grief and Loss"),
    T("O", "Open"),
    _ONLINE,
    T("PAR", "Parents"),
    T("S", "Spanish"),
    T("SIB", "Siblings"),
    _TEMPORARILY_CLOSED,
    T("X", "Wheelchair Access"),
)

OTHER_TYPES: tuple[TypeDef, ...] = (
    T("C", "Closed"),
    T("D", "Discussion"),
    T("O", "Open"),
    _ONLINE,
    T("S", "Spanish"),
    _TEMPORARILY_CLOSED,
    T("X", "Wheelchair Access"),
)

PROGRAMS: tuple[ProgramDef, ...] = (
    ProgramDef(
        code="aa",
        name="Alcoholics Anonymous",
        focus="addiction",
        description="A fellowship of people who share their experience, strength "
        "and hope to recover from alcoholism, using the Twelve Steps.",
        website="https://www.aa.org",
        types=AA_TYPES,
    ),
    ProgramDef(
        code="na",
        name="Narcotics Anonymous",
        focus="addiction",
        description="A Twelve Step fellowship for people for whom drugs had become "
        "a major problem, whatever the drug.",
        website="https://na.org",
        types=NA_TYPES,
    ),
    ProgramDef(
        code="al-anon",
        name="Al-Anon Family Groups",
        focus="family",
        description="Mutual support for people whose lives have been affected by "
        "someone else's drinking; Alateen is for younger members.",
        website="https://al-anon.org",
        types=AL_ANON_TYPES,
    ),
    ProgramDef(
        code="smart",
        name="SMART Recovery",
        focus="addiction",
        description="Self-Management and Recovery Training: science-based, "
        "self-empowering mutual help for any addictive behaviour.",
        website="https://smartrecovery.org",
        types=SMART_TYPES,
    ),
    ProgramDef(
        code="dual-recovery",
        name="Dual Recovery Anonymous",
        focus="both",
        description="A Twelve Step fellowship for people recovering from both "
        "chemical dependency and an emotional or psychiatric illness.",
        website="https://www.draonline.org",
        types=DUAL_RECOVERY_TYPES,
    ),
    ProgramDef(
        code="trauma",
        name="Trauma recovery peer groups",
        focus="mental_health",
        description="Survivor-led peer groups for people healing from trauma, in "
        "the style of Survivors of Trauma circles.",
        website="",
        types=TRAUMA_TYPES,
    ),
    ProgramDef(
        code="mental-health",
        name="Mental-health peer support",
        focus="mental_health",
        description="Peer-led recovery support groups for people living with "
        "mental-health conditions, in the style of NAMI Connection.",
        website="https://www.nami.org",
        types=MENTAL_HEALTH_TYPES,
    ),
    ProgramDef(
        code="family",
        name="Family & friends groups",
        focus="family",
        description="Support for parents, partners, siblings and friends of "
        "people with addiction or mental-health challenges.",
        website="",
        types=FAMILY_TYPES,
    ),
    ProgramDef(
        code="other",
        name="Other peer groups",
        # Other groups span both concerns; each group records its own focus.
        focus="both",
        description="Peer support groups that follow no single named program.",
        website="",
        types=OTHER_TYPES,
    ),
)

PROGRAMS_BY_CODE: dict[str, ProgramDef] = {p.code: p for p in PROGRAMS}

LANGUAGES: tuple[LanguageDef, ...] = (
    LanguageDef("am", "Amharic"),
    LanguageDef("ar", "Arabic"),
    LanguageDef("ase", "American Sign Language"),
    LanguageDef("de", "German"),
    LanguageDef("el", "Greek"),
    LanguageDef("en", "English"),
    LanguageDef("es", "Spanish"),
    LanguageDef("fa", "Persian"),
    LanguageDef("fr", "French"),
    LanguageDef("he", "Hebrew"),
    LanguageDef("hi", "Hindi"),
    LanguageDef("ht", "Haitian Creole"),
    LanguageDef("it", "Italian"),
    LanguageDef("ja", "Japanese"),
    LanguageDef("ko", "Korean"),
    LanguageDef("pa", "Punjabi"),
    LanguageDef("pl", "Polish"),
    LanguageDef("pt", "Portuguese"),
    LanguageDef("ru", "Russian"),
    LanguageDef("so", "Somali"),
    LanguageDef("tl", "Tagalog"),
    LanguageDef("uk", "Ukrainian"),
    LanguageDef("vi", "Vietnamese"),
    LanguageDef("zh", "Chinese"),
)

# Meeting Guide language type codes -> our language codes (for importers).
MEETING_GUIDE_LANGUAGE_TYPES: dict[str, str] = {
    "AM": "am",
    "AR": "ar",
    "ASL": "ase",
    "DE": "de",
    "EL": "el",
    "EN": "en",
    "FA": "fa",
    "FR": "fr",
    "HE": "he",
    "HI": "hi",
    "ITA": "it",
    "JA": "ja",
    "KOR": "ko",
    "POL": "pl",
    "POR": "pt",
    "PUN": "pa",
    "RUS": "ru",
    "S": "es",
    "TL": "tl",
    "UK": "uk",
}

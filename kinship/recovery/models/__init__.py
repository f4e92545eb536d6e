"""The member's recovery tools: daily check-ins, sobriety clocks and milestones,
coping strategies, early warning signs and reaching out for support.

Private by default. Each row that belongs to one person points to their
``Member`` through a field named ``member`` (the data export relies on it).
"""

from .checkins import (
    CheckIn,
    Coping,
    Sharing,
    Trigger,
    UsedToday,
    WarningSign,
)
from .clocks import (
    ClockReset,
    Encouragement,
    EncouragementPreset,
    Milestone,
    MilestoneShare,
    SobrietyClock,
)
from .strategies import (
    NotebookEntry,
    Strategy,
    StrategyHelped,
    StrategyScope,
    StrategyTag,
)
from .support import (
    HelpRequest,
    RecoveryPreferences,
    SupportContact,
    WarningRule,
    WarningSignal,
)

__all__ = [
    "CheckIn",
    "ClockReset",
    "Coping",
    "Encouragement",
    "EncouragementPreset",
    "HelpRequest",
    "Milestone",
    "MilestoneShare",
    "NotebookEntry",
    "RecoveryPreferences",
    "Sharing",
    "SobrietyClock",
    "Strategy",
    "StrategyHelped",
    "StrategyScope",
    "StrategyTag",
    "SupportContact",
    "Trigger",
    "UsedToday",
    "WarningRule",
    "WarningSign",
    "WarningSignal",
]

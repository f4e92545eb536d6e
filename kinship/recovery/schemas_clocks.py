"""Output schemas of the clocks API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class MilestoneNextOut(Schema):
    key: str = Field(description='The milestone, e.g. "30d", "6m", "2y".')
    label: str = Field(description='In words, e.g. "30 days".')
    at: dt.datetime = Field(description="When it is reached (UTC).")


class ClockOut(Schema):
    id: int
    label: str = Field(description="What the member tracks, in their own words.")
    hidden: bool
    started_at: dt.datetime = Field(description="The start of the current streak.")
    days: int = Field(description="Whole local days on the current streak.")
    longest_days: int = Field(description="The longest streak, in days.")
    total_days: int = Field(description="All the days over every streak.")
    next_milestone: MilestoneNextOut | None

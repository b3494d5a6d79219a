"""The pacts on a time axis (home page), drawn on the server as SVG: time runs down a vertical
axis (readable on a phone as on a desktop), a date known to the day is a dot, a date known only
to the month or the year a bar as long as that month or year, and pacts without a known date are
listed apart ("date inconnue"). Labels are pushed apart so that none overlaps another; a leader
line ties each label to its date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from metropoles.web.maps.geography import Signature, next_month
from metropoles.web.pages.values import MONTHS

WIDTH = 380.0
AXIS_X = 86.0
LABEL_X = 118.0
TOP = 24.0
DAY = 2.5  # user units per day
LINE = 18.0  # least distance between two labels
# month names shortened on the axis (the others are short already)
ABBREVIATIONS = {"janvier": "janv.", "février": "févr.", "avril": "avr.", "juillet": "juil.",
                 "septembre": "sept.", "octobre": "oct.", "novembre": "nov.",
                 "décembre": "déc."}  # fmt: skip


@dataclass(frozen=True)
class Mark:
    """A dated pact on the axis: its date's extent and its label's position."""

    name: str
    text: str
    top: float
    bottom: float
    label_y: float

    @property
    def middle(self) -> float:
        """Where the leader line starts: the middle of the date's extent."""
        return (self.top + self.bottom) / 2

    @property
    def is_day(self) -> bool:
        """Known to the day: drawn as a dot rather than a bar."""
        return self.bottom - self.top <= DAY


@dataclass(frozen=True)
class Tick:
    """The first day of a month on the axis."""

    y: float
    text: str


@dataclass(frozen=True)
class Timeline:
    """A drawing ready for the template, and the unknown dates listed under it."""

    title: str
    width: float
    height: float
    axis: tuple[float, float]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    unknown: tuple[str, ...]
    unknown_y: float
    axis_x: float = AXIS_X
    label_x: float = LABEL_X


def build(signatures: list[Signature]) -> Timeline | None:
    """Lay the pacts out on the axis; None when no pact has a known date."""
    dated = sorted((s for s in signatures if s.span), key=lambda s: (s.span, s.name))
    if not dated:
        return None
    start = min(s.span[0] for s in dated if s.span).replace(day=1)
    end = next_month(max(s.span[1] - timedelta(days=1) for s in dated if s.span))

    def y(day: date) -> float:
        return TOP + (day - start).days * DAY

    extents = [(y(s.span[0]), y(s.span[1])) for s in dated if s.span]
    places = spread([(top + bottom) / 2 for top, bottom in extents], LINE)
    marks = [Mark(s.name, s.text, top, bottom, place)
             for s, (top, bottom), place in zip(dated, extents, places, strict=True)]  # fmt: skip
    previous = places[-1]
    ticks, month = [], start
    while month <= end:
        ticks.append(Tick(y(month), _month_label(month)))
        month = next_month(month)
    bottom = max(y(end), previous) + LINE
    unknown = tuple(s.name for s in signatures if s.span is None)
    height = bottom + (LINE * (len(unknown) + 2.5) if unknown else 0)
    last = _last_month(end)
    title = f"Frise des pactes, de {_month_name(start)} à {_month_name(last)}"
    return Timeline(title, WIDTH, height, (TOP, y(end)), tuple(marks), tuple(ticks), unknown,
                    bottom + LINE)  # fmt: skip


def spread(ideal: list[float], gap: float) -> list[float]:
    """Label positions as near as can be to ``ideal`` (sorted) and at least ``gap`` apart: labels
    that would overlap form a group centred on their ideal positions.

    >>> spread([10.0, 10.0, 10.0, 50.0], 5)
    [5.0, 10.0, 15.0, 50.0]
    """
    groups: list[list[float]] = []  # each: ideal positions of the group's labels
    starts: list[float] = []
    for position in ideal:
        groups.append([position])
        starts.append(position)
        while len(groups) > 1 and starts[-2] + len(groups[-2]) * gap > starts[-1]:
            merged = groups[-2] + groups.pop()
            starts.pop()
            groups[-1] = merged
            starts[-1] = max(
                sum(merged) / len(merged) - (len(merged) - 1) * gap / 2, ideal[0] - gap
            )
    return [start + i * gap for start, group in zip(starts, groups, strict=True)
            for i in range(len(group))]  # fmt: skip


def _last_month(end: date) -> date:
    return (end - timedelta(days=1)).replace(day=1)


def _month_name(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _month_label(day: date) -> str:
    """A month as on the axis.

    >>> _month_label(date(2016, 7, 1))
    'juil. 2016'
    """
    name = MONTHS[day.month - 1]
    return f"{ABBREVIATIONS.get(name, name)} {day.year}"

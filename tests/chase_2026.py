"""An illustrative 2026 Cup season for Chase tests and screenshots: real names, made-up results.

36 events (all marked illustrative), the first `races_run` with results from a seeded random
order, stage positions and a fastest lap. Two absences: Denny Hamlin misses race 10 with a
medical waiver NASCAR approved (seeded by his points), Ross Chastain misses race 12 on a waiver
NASCAR did not approve (he starts the Chase at 2,000 whatever his seed).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from domain.model import (
    Driver,
    Entry,
    Event,
    RaceResult,
    Track,
    TrackKind,
    Waiver,
    WaiverReason,
    WaiverStatus,
)
from domain.ports import UnitOfWork

DRIVERS = (
    "Kyle Larson", "William Byron", "Denny Hamlin", "Christopher Bell", "Chase Elliott",
    "Ryan Blaney", "Tyler Reddick", "Joey Logano", "Chase Briscoe", "Bubba Wallace",
    "Ross Chastain", "Alex Bowman", "Austin Cindric", "Kyle Busch", "Ty Gibbs",
    "Shane van Gisbergen", "Josh Berry", "Ryan Preece", "Carson Hocevar", "Chris Buescher",
    "Michael McDowell", "Austin Dillon", "Erik Jones", "Brad Keselowski", "John Hunter Nemechek",
    "Noah Gragson", "Todd Gilliland", "Zane Smith", "AJ Allmendinger", "Ricky Stenhouse Jr.",
    "Daniel Suarez", "Cole Custer", "Riley Herbst", "Connor Zilisch",
)  # fmt: skip
APPROVED_ABSENCE = ("Denny Hamlin", 10)
UNAPPROVED_ABSENCE = ("Ross Chastain", 12)
TRACK = Track(name="Illustrative Speedway", length_millimiles=1500, kind=TrackKind.OVAL)


def cup_2026_events() -> list[Event]:
    start = date(2026, 2, 15)
    return [
        Event(
            key=f"cup-2026-r{n:02d}", name=f"Cup 2026 race {n}", series="cup", season=2026,
            round_no=n, track=TRACK, start_date=start + timedelta(weeks=n - 1),
            end_date=start + timedelta(weeks=n - 1), illustrative=True,
        )
        for n in range(1, 37)
    ]  # fmt: skip


def store_cup_2026(uow: UnitOfWork, races_run: int) -> dict[str, Driver]:
    """Store the season with results in its first `races_run` races; the drivers by name."""
    rng = random.Random(2026)
    drivers = {name: Driver(name=name) for name in DRIVERS}
    skill = {
        name: rng.random() + (len(DRIVERS) - i) / len(DRIVERS) for i, name in enumerate(DRIVERS)
    }
    absent = {
        APPROVED_ABSENCE[1]: APPROVED_ABSENCE[0],
        UNAPPROVED_ABSENCE[1]: UNAPPROVED_ABSENCE[0],
    }
    with uow:
        uow.tracks.add(TRACK)
        for driver in drivers.values():
            uow.drivers.add(driver)
        for event in cup_2026_events():
            uow.events.add(event)
            starters = [n for n in DRIVERS if absent.get(event.round_no) != n]
            for car, name in enumerate(starters, start=1):
                uow.entries.add(
                    Entry(event_id=event.id, car_number=str(car), driver_id=drivers[name].id,
                          team=f"Team {car}", owner=f"Owner {car}", make="Chevrolet",
                          guaranteed=car <= 36)
                )  # fmt: skip
            if event.round_no > races_run:
                continue
            order = sorted(starters, key=lambda n: -(skill[n] + rng.random() * 1.4))
            stage1 = sorted(starters, key=lambda n: -(skill[n] + rng.random() * 1.4))
            stage2 = sorted(starters, key=lambda n: -(skill[n] + rng.random() * 1.4))
            fastest = rng.choice(order[:10])
            for finish, name in enumerate(order, start=1):
                uow.results.add(
                    RaceResult(
                        event_id=event.id, car_number=str(starters.index(name) + 1),
                        driver_id=drivers[name].id, finish=finish,
                        laps=200, stage1=_top_ten(stage1, name), stage2=_top_ten(stage2, name),
                        fastest_lap=name == fastest, official=True,
                    )
                )  # fmt: skip
        for (name, _), approved in ((APPROVED_ABSENCE, True), (UNAPPROVED_ABSENCE, False)):
            uow.waivers.add(
                Waiver(
                    series="cup", season=2026, driver_id=drivers[name].id,
                    reason=WaiverReason.MEDICAL if approved else WaiverReason.OTHER,
                    status=WaiverStatus.GRANTED, approved=approved,
                    note="illustrative",
                )
            )  # fmt: skip
        uow.commit()
    return drivers


def _top_ten(order: list[str], name: str) -> int | None:
    """A stage position as results hold it: the top ten only."""
    place = order.index(name) + 1
    return place if place <= 10 else None

"""A naive field setter written from DESIGN §3 and RULES-2026.md, for the property tests.

It imports no production rule (nothing from domain.rules): it reads the pack's numbers and the
entries' flags and decides who starts and where in the plainest way, so the production rules
can be compared with it on random fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.model import Entry
from domain.ruleset import FieldRules, OepRule


@dataclass(frozen=True)
class NaiveField:
    lineup: list[str]  # starting order
    oep: str | None  # the car in on the Open Exemption Provisional
    manufacturer: list[str]  # cars in on the manufacturer provisional


def naive_field(
    entries: Sequence[Entry],
    times: Mapping[str, int | None],
    owner_rank: Mapping[str, int],
    rules: FieldRules,
    round_no: int,
) -> NaiveField:
    """Who starts, where, and on which special spot; times are distinct, lower is faster."""
    cars = [e for e in entries if not e.withdrawn]
    by_car = {e.car_number: e for e in cars}

    def timed(car: str) -> bool:
        return times.get(car) is not None

    def number_order(car: str) -> tuple[int, str]:
        return (len(car.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), car)

    # Qualifying order: cars with a time by time, then the others by owner rank, then number.
    timed_cars = sorted((c for c in by_car if timed(c)), key=lambda c: times[c])
    untimed_cars = sorted(
        (c for c in by_car if not timed(c)),
        key=lambda c: (c not in owner_rank, owner_rank.get(c, 0), number_order(c)),
    )
    board = timed_cars + untimed_cars

    def by_owner(group: list[str]) -> list[str]:
        return sorted(
            group, key=lambda c: (c not in owner_rank, owner_rank.get(c, 0), board.index(c))
        )

    charter = [c for c in board if by_car[c].guaranteed]
    declared = [c for c in board if by_car[c].oep and not by_car[c].guaranteed]
    locked = rules.oep_rule is OepRule.LOCKED_IN
    if locked:
        oep_ok = rules.oep_available and len(board) > rules.oep_min_entries
    else:
        oep_ok = rules.oep_available and len(board) > max(
            rules.oep_min_entries, rules.starting_field
        )
    oep_car = declared[0] if declared and oep_ok else None

    open_cars = [c for c in board if c not in charter and not (locked and c == oep_car)]
    spots = rules.starting_field - len(charter)
    chosen: list[str] = []
    provisional: list[str] = []
    if len(open_cars) <= spots:
        chosen = list(open_cars)
    else:
        provisionals = rules.owner_points_provisionals + rules.past_champion_provisionals
        on_speed = max(0, rules.starting_field - provisionals - len(charter))
        fast = [c for c in open_cars if timed(c)][: min(spots, on_speed)]
        chosen = list(fast)
        rest = by_owner([c for c in open_cars if c not in fast])
        owner_spots = min(spots - len(chosen), rules.owner_points_provisionals)
        provisional += rest[:owner_spots]
        rest = rest[owner_spots:]
        champion_spots = min(
            spots - len(chosen) - len(provisional), rules.past_champion_provisionals
        )
        champions = [c for c in rest if by_car[c].past_champion][:champion_spots]
        provisional += champions
        rest = [c for c in rest if c not in champions]
        # A spot nobody claimed (no champion, no timed car left) goes by owner points.
        provisional += rest[: spots - len(chosen) - len(provisional)]
    starters = set(charter) | set(chosen) | set(provisional)
    if oep_car is not None and (locked or oep_car not in starters):
        starters.add(oep_car)
    else:
        oep_car = None

    manufacturer: list[str] = []
    if rules.manufacturer_provisionals and round_no <= rules.manufacturer_provisional_events:
        makes = {m.casefold() for m in rules.new_manufacturers}
        out = [c for c in board if c not in starters and by_car[c].make.casefold() in makes]
        out_timed = [c for c in out if timed(c)]
        manufacturer = (out_timed + by_owner([c for c in out if not timed(c)]))[
            : rules.manufacturer_provisionals
        ]

    # Starting order: cars in on time by qualifying order, then the provisionals by owner
    # points, then cars in without a time, then the manufacturer's trucks.
    on_time = [c for c in board if c in starters and c not in provisional]
    lineup = [c for c in on_time if timed(c)]
    lineup += by_owner(provisional)
    lineup += [c for c in on_time if not timed(c)]
    lineup += manufacturer
    return NaiveField(lineup=lineup, oep=oep_car, manufacturer=manufacturer)


def naive_daytona(
    entries: Sequence[Entry],
    times: Mapping[str, int],
    duels: Sequence[Sequence[tuple[str, bool]]],
    rules: FieldRules,
) -> list[str]:
    """The Daytona 500's starting order from RULES-2026.md: every car has a time-trial time
    (distinct), `duels` are finishing orders of (car, disqualified), the OEP is locked in."""
    cars = [e for e in entries if not e.withdrawn]
    by_car = {e.car_number: e for e in cars}
    by_time = sorted(by_car, key=lambda c: times[c])
    charter = [c for c in by_time if by_car[c].guaranteed]
    oep = [c for c in by_time if by_car[c].oep and not by_car[c].guaranteed][:1]
    if not (rules.oep_available and len(by_car) > rules.oep_min_entries):
        oep = []
    open_cars = [c for c in by_time if c not in charter and c not in oep]
    spots = rules.starting_field - len(charter)
    chosen = open_cars[: min(rules.duel_open_cars_on_time, spots)]
    for duel in duels:
        moved = 0
        for car, disqualified in duel:
            if moved == rules.duel_transfers or len(chosen) == spots:
                break
            if car in open_cars and car not in chosen and not disqualified:
                chosen.append(car)
                moved += 1
    for car in open_cars:
        if len(chosen) < spots and car not in chosen:
            chosen.append(car)
    starters = set(charter) | set(oep) | set(chosen)
    front = [c for c in by_time if c in starters][: rules.front_row_on_time]
    inside, outside = ([c for c, _ in duel if c in starters and c not in front] for duel in duels)
    order = list(front)
    for row in range(max(len(inside), len(outside))):
        for line in (inside, outside):
            if row < len(line):
                order.append(line[row])
    return order + [c for c in by_time if c in starters and c not in order]

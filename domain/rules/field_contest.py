"""Contesting the open spots when qualifying ran: open cars in on speed, then provisionals, the
rest sent home, each call with the reason a fan would want (what beat it, by how much)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.laptime import format_lap_time
from domain.rules.cutoff_words import behind_words
from domain.rules.field_split import (
    Board,
    Call,
    FieldEvent,
    FieldStatus,
    Plan,
    Split,
    lineup,
    manufacturer_provisionals,
    oep_call,
    ordinal,
    split_field,
)
from domain.rules.qualifying import owner_rank_key
from domain.ruleset import FieldRules, RuleSet, TieBreak


def plan_by_speed(board: Board, ruleset: RuleSet, event: FieldEvent | None = None) -> Plan:
    """Guaranteed cars in, a locked-in OEP car in, then open cars by speed and provisionals; a
    2025 OEP car that misses takes the extra spot; a new make's trucks may get theirs."""
    split = split_field(board, ruleset)
    entered, capacity = len(board.cars), split.spots + len(split.guaranteed)
    calls = {car: _guaranteed_call(board, car) for car in split.guaranteed}
    if split.oep_car is not None and split.oep_locked:
        capacity += 1
        calls[split.oep_car] = oep_call(board, ruleset, split.oep_car)
    cutoff = None
    if len(split.pool) <= split.spots:
        words = f"{entered} entered for {capacity} spots, so every car starts"
        for car in split.pool:
            reason = (
                f"Starts: {words}."
                if car in board.runs
                else f"No time set: starts at the rear ({words})."
            )
            calls[car] = Call(FieldStatus.ON_SPEED, reason)
    else:
        cutoff = _Contest.run(board, ruleset.field, split, calls)
    oep_car = split.oep_car
    if oep_car is not None and not split.oep_locked:
        if calls[oep_car].status is FieldStatus.DNQ:
            calls[oep_car] = oep_call(board, ruleset, oep_car, missed=True)
        else:
            oep_car = None  # it made the field on its own: no extra spot
    calls.update(manufacturer_provisionals(board, ruleset.field, calls, event))
    return Plan(
        calls=calls,
        lineup=lineup(board, calls),
        open_spots=split.spots,
        cutoff_car=cutoff,
        oep_car=oep_car,
    )


def _guaranteed_call(board: Board, car: str) -> Call:
    if car in board.runs:
        return Call(FieldStatus.GUARANTEED, "Chartered: starts regardless of speed.")
    return Call(FieldStatus.GUARANTEED, "Chartered, no time set: starts at the rear.")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Contest:
    """More open cars than open spots: speed first, then provisionals, the rest go home."""

    board: Board
    rules: FieldRules
    split: Split
    timed: list[str]  # open cars with a time, fastest first
    speed_spots: int
    cutoff: str | None

    @classmethod
    def run(
        cls, board: Board, rules: FieldRules, split: Split, calls: dict[str, Call]
    ) -> str | None:
        """Add the open cars' calls to `calls`; return the cutoff car."""
        speed_spots = min(split.spots, max(0, rules.on_speed_spots - len(split.guaranteed)))
        timed = [car for car in split.pool if car in board.runs]
        on_speed = timed[:speed_spots]
        cutoff = on_speed[-1] if on_speed and len(on_speed) == speed_spots else None
        contest = cls(
            board=board,
            rules=rules,
            split=split,
            timed=timed,
            speed_spots=speed_spots,
            cutoff=cutoff,
        )
        for car in on_speed:
            calls[car] = Call(FieldStatus.ON_SPEED, f"In on speed: {contest.standing(car)}.")
        rest = board.owner_sorted(car for car in split.pool if car not in on_speed)
        calls.update(contest.provisionals(rest, split.spots - len(on_speed)))
        calls.update({car: contest.dnq(car) for car in rest if car not in calls})
        return cutoff

    def standing(self, car: str) -> str:
        """'4th-fastest of 5 open cars for 4 open spots'."""
        place = ordinal(self.timed.index(car) + 1)
        has_provisionals = (
            self.rules.owner_points_provisionals + self.rules.past_champion_provisionals
        )
        spots = (
            f"{self.speed_spots} spots on speed"
            if has_provisionals
            else f"{self.split.spots} open spots"
        )
        return f"{place}-fastest of {len(self.split.pool)} open cars for {spots}"

    def provisionals(self, rest: list[str], left: int) -> dict[str, Call]:
        """Owner-points provisionals, then past champions; an unused past-champion spot, and a
        spot no car with a time was left for, go by owner points."""
        board, calls = self.board, {}
        for car in rest[: min(left, self.rules.owner_points_provisionals)]:
            reason = f"In on an owner-points provisional ({board.owner_words(car)})."
            calls[car] = Call(FieldStatus.PROVISIONAL, reason)
        left -= len(calls)
        champion_spots = min(left, self.rules.past_champion_provisionals)
        champions = [c for c in rest if c not in calls and board.entries[c].past_champion]
        for car in champions[:champion_spots]:
            calls[car] = Call(FieldStatus.PAST_CHAMPION, "In on the past-champion provisional.")
        unused = champion_spots - len(champions[:champion_spots])
        left -= len(champions[:champion_spots])
        remaining = [car for car in rest if car not in calls]
        for index, car in enumerate(remaining[:left]):
            if index < unused:
                reason = (
                    "In on the past-champion provisional, which no past champion needed, so it "
                    f"goes by owner points ({board.owner_words(car)})."
                )
            else:
                reason = (
                    f"No time set, but in by owner points ({board.owner_words(car)}): no open car "
                    "with a time was left for this spot."
                )
            calls[car] = Call(FieldStatus.PROVISIONAL, reason)
        return calls

    def dnq(self, car: str) -> Call:
        board, cutoff = self.board, self.cutoff
        who = board.who(car)
        short = ""
        if self.rules.owner_points_provisionals + self.rules.past_champion_provisionals:
            short = f", and too low in owner points for a provisional ({board.owner_words(car)})"
        best = board.best(car)
        cutoff_ms = board.best(cutoff) if cutoff is not None else None
        if cutoff is None or cutoff_ms is None:
            where = "set no time" if best is None else f"is the {self.standing(car)}"
            return Call(
                FieldStatus.DNQ, f"{who} {where}{short}; every open spot went to a car ahead of it."
            )
        if best is None:
            return Call(
                FieldStatus.DNQ,
                f"{who} set no time{short}; it needed to beat {format_lap_time(cutoff_ms)} by "
                f"{board.who(cutoff)}.",
            )
        # A tie beats the cutoff car only when the tie-break favours this car.
        favoured = self.rules.tie_break is TieBreak.OWNER_POINTS and owner_rank_key(
            car, board.owner_rank
        ) < owner_rank_key(cutoff, board.owner_rank)
        needed = best - cutoff_ms + (0 if favoured else 1)
        behind = behind_words(best - cutoff_ms, board.who(cutoff), needed)
        reason = f"{who} is the {self.standing(car)}{short}: {behind}."
        return Call(FieldStatus.DNQ, reason, needed)

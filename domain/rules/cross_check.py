"""Trackside's points beside NASCAR's: where they agree, and a likely reason where they do not.

A difference is information for the user, never "fixed" by copying NASCAR's number: the
standings stay derived from the stored results (DESIGN §4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.model import car_sort_key

STAGE_POINTS_MAX = 20  # two stages of ten: 10 points each for a stage win


@dataclass(frozen=True, slots=True, kw_only=True)
class CarPoints:
    """One car's race as Trackside scores it, with what the reasons below need to know."""

    car_number: str
    driver: str
    points: int  # driver points for the race (0 for an "(i)" driver)
    eligible: bool
    penalty: int  # driver points deducted by entered penalties
    has_stages: bool  # stage positions or stage points are entered
    stage_points: int = 0  # what Trackside's rules gave for the stages


@dataclass(frozen=True, slots=True, kw_only=True)
class PointsDifference:
    car_number: str
    driver: str
    nascar: int  # the other side's number: NASCAR's, or a results sheet's
    trackside: int
    reason: str
    against: str = "NASCAR"
    where: str = ""  # "race 7, " when one check covers a season

    @property
    def text(self) -> str:
        numbers = f"{self.against} {self.nascar}, Trackside {self.trackside}"
        return f"{self.where}No. {self.car_number}: {numbers} — {self.reason}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CrossCheck:
    compared: int
    differences: tuple[PointsDifference, ...]
    not_in_results: tuple[str, ...] = ()  # NASCAR rows with no Trackside result ("No. 51 …")
    against: str = "NASCAR"

    @property
    def agreed(self) -> int:
        return self.compared - len(self.differences)

    @property
    def summary(self) -> str:
        """ "Trackside agrees with NASCAR on 38 of 39 cars; No. 22: NASCAR 12, Trackside 22 — …"."""
        if not self.compared:
            return (
                f"{self.against}'s points and Trackside's results have no car in common: "
                "nothing to compare."
            )
        head = f"Trackside agrees with {self.against} on {self.agreed} of {self.compared} cars"
        return "; ".join([head, *(d.text for d in self.differences)])

    def merged(self, other: CrossCheck) -> CrossCheck:
        return CrossCheck(
            compared=self.compared + other.compared,
            differences=self.differences + other.differences,
            not_in_results=self.not_in_results + other.not_in_results,
            against=self.against,
        )


def cross_check(
    cars: Sequence[CarPoints], nascar: dict[str, int], *, against: str = "NASCAR", where: str = ""
) -> CrossCheck:
    """Compare each car NASCAR scored (`nascar`: car number -> race points) with Trackside's."""
    ours = {car.car_number: car for car in cars}
    differences = []
    compared = 0
    for number, theirs in sorted(nascar.items(), key=lambda item: car_sort_key(item[0])):
        car = ours.get(number)
        if car is None:
            continue
        compared += 1
        if car.points != theirs:
            differences.append(
                PointsDifference(
                    car_number=number,
                    driver=car.driver,
                    nascar=theirs,
                    trackside=car.points,
                    reason=likely_reason(car, theirs, against),
                    against=against,
                    where=where,
                )
            )
    missing = tuple(f"{where}No. {n}" for n in sorted(nascar, key=car_sort_key) if n not in ours)
    return CrossCheck(
        compared=compared, differences=tuple(differences), not_in_results=missing, against=against
    )


def likely_reason(car: CarPoints, nascar: int, against: str = "NASCAR") -> str:
    """The most likely explanation, in words; the user decides what to do about it."""
    gap = car.points - nascar
    if nascar == 0 and car.points > 0 and car.eligible:
        return (
            f"{against} gave no points: the driver may not be points-eligible here "
            "(mark the entry (i))"
        )
    if nascar > 0 and car.points == 0 and not car.eligible:
        return f"{against} scored the driver: the entry is marked (i) in Trackside"
    if gap > 0 and gap == car.stage_points:
        return (
            f"{against} gave no stage points ({gap}): a car that scores none in the stages "
            "(the finale's Championship 4)?"
        )
    if gap > 0 and car.penalty == 0:
        return f"a {gap}-point penalty is not entered"
    if gap > 0:
        return f"{against} deducted {gap} more than the {car.penalty}-point penalty entered"
    if -gap == 1:
        return "the fastest-lap point is not entered"
    if not car.has_stages and -gap <= STAGE_POINTS_MAX:
        return f"stage results are not entered ({-gap} points)"
    if car.penalty and -gap <= car.penalty:
        return f"the {car.penalty}-point penalty entered is not in {against}'s number"
    return f"{against} has {-gap} more: check the finish and stage positions"

"""`driver`: show or set what the eligibility rules ask of a driver (date of birth, Cup seasons).

cli.py registers it and runs it like its own: expected failures are one line on stderr.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from domain.errors import ValidationError

if TYPE_CHECKING:
    from domain.model import Driver
    from domain.ports import Storage


def add_commands(commands: argparse._SubParsersAction) -> None:
    driver = commands.add_parser(
        "driver", help="show or set a driver's date of birth and Cup-driver seasons"
    )
    driver.add_argument("name", metavar="NAME", help='the stored driver, e.g. "Kyle Larson"')
    driver.add_argument("--disambiguator", metavar="TEXT", default="",
                        help="where two drivers share the name, e.g. 'No. 34'")  # fmt: skip
    driver.add_argument("--born", metavar="DATE",
                        help="date of birth, YYYY-MM-DD, or 'unknown' to clear it")  # fmt: skip
    driver.add_argument("--cup", metavar="YEAR", type=int, action="append", default=[],
                        help="a season the driver counts as a Cup driver (repeatable)")  # fmt: skip
    driver.add_argument("--not-cup", metavar="YEAR", type=int, action="append", default=[],
                        help="a season the driver does not count as one")  # fmt: skip


def _driver(storage: Storage, args: argparse.Namespace) -> int:
    from domain import services

    driver = services.driver_named(storage.uow_factory(), args.name, args.disambiguator)
    both = set(args.cup) & set(args.not_cup)
    if both:
        raise ValidationError(
            f"--cup and --not-cup both name {', '.join(map(str, sorted(both)))}: give one."
        )
    if args.born is not None or args.cup or args.not_cup:
        born = driver.birth_date if args.born is None else services.read_birth_date(args.born)
        seasons = (driver.cup_seasons | set(args.cup)) - set(args.not_cup)
        driver, _ = services.set_driver_eligibility(
            storage.uow_factory(), driver.id, birth_date=born, cup_seasons=seasons
        )
    print(describe(driver))
    return 0


def describe(driver: Driver) -> str:
    """One line: "Kyle Larson: born 1992-07-31; a Cup driver in 2026, 2027"."""
    born = f"born {driver.birth_date:%Y-%m-%d}" if driver.birth_date else "date of birth unknown"
    years = ", ".join(str(year) for year in sorted(driver.cup_seasons))
    cup = f"a Cup driver in {years}" if years else "not marked a Cup driver in any season"
    return f"{driver.label}: {born}; {cup}"


COMMANDS: dict[str, Callable[[Storage, argparse.Namespace], int]] = {"driver": _driver}

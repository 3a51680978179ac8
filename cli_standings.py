"""`standings SERIES SEASON --after ROUND`: the standings after a race, with postseason columns.

After the regular season the points are the postseason's (the Chase's seeded resets, or the
elimination round's reset and cuts); each driver in the field shows a seed, the latest reset
and the points since it. `--format csv|json` prints the same rows for scripts (cli_formats).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from domain.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from domain.ports import Storage
    from domain.rules.postseason import PostseasonTable

COLUMNS = (
    "position", "driver", "points", "behind_leader", "wins", "top5", "top10", "starts",
    "season_points", "seed", "reset_points", "since_reset", "status", "round", "to_cut",
)  # fmt: skip
_NUMBERS = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14}


def add_after_option(standings: argparse.ArgumentParser) -> None:
    standings.add_argument(
        "--after",
        metavar="ROUND",
        type=int,
        help="the standings after this race of the season, with seeds and resets",
    )


def standings_after(storage: Storage, args: argparse.Namespace) -> int:
    """The driver standings after race `--after` (default: the last) of a series' season."""
    from domain.ruleset import canonical_series
    from domain.services import score_season

    if args.season is None:
        raise ValidationError("--after needs a series and a season, e.g. `standings cup 2026`.")
    if args.owners:
        raise ValidationError("--after gives driver standings; leave out --owners.")
    if args.after is not None and args.after < 1:
        raise ValidationError(f"--after takes a race number (1 or more), not {args.after}.")
    series = canonical_series(args.series)
    with storage.uow_factory() as uow:
        events = uow.events.list_for_season(series, args.season)
    if not events:
        raise NotFoundError(f"no events for {args.series} {args.season}; run `python main.py list`")
    ruleset = storage.rulesets.get(f"{series}-{args.season}")
    if ruleset is None:
        raise NotFoundError(
            f"There is no rule pack for {series}-{args.season}; add "
            f"resources/rulesets/{series}-{args.season}.toml."
        )
    last = max(e.round_no for e in events)
    after = last if args.after is None else args.after
    if after > last:
        raise ValidationError(f"{args.series} {args.season} has races 1 to {last}, not {after}.")
    season = score_season(storage.uow_factory(), series, args.season, ruleset, through_round=after)
    table = season.postseason
    if table is None:
        raise ValidationError(f"No standings for {args.series} {args.season}.")
    rows = postseason_rows(table)
    if args.format == "table":
        print(f"{ruleset.name}: driver standings after race {after}. {table.phase}.")
        print(_text_table(rows))
    else:
        from cli_formats import emit
        from persistence.csv_io import Column, Kind

        kinds = [Kind.NUMBER if i in _NUMBERS else Kind.TEXT for i in range(len(COLUMNS))]
        emit(args.format, [Column(n, k) for n, k in zip(COLUMNS, kinds, strict=True)], rows)
    return 0


def postseason_rows(table: PostseasonTable) -> list[tuple[object, ...]]:
    """One row per driver, in the order the standings show them."""
    leader = table.rows[0].points if table.rows else 0
    return [
        (
            row.position, row.standing.name, row.points, leader - row.points,
            row.standing.wins, row.standing.top5, row.standing.top10, row.standing.starts,
            row.standing.points, row.seed, row.reset_points, row.since_reset,
            row.status.value, row.round, row.to_cut,
        )
        for row in table.rows
    ]  # fmt: skip


def _text_table(rows: Sequence[Sequence[object]]) -> str:
    from cli import format_table

    header = ("Pos", "Driver", "Points", "Behind", "Wins", "Top 5", "Top 10", "Starts",
              "Season", "Seed", "Reset", "Since", "Status", "Round", "To cut")  # fmt: skip
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    return format_table(header, cells, right=_NUMBERS)

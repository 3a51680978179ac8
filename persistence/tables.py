"""Every table of the weekend database as a SQLModel row; rows never leave persistence/."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Relationship, SQLModel

# Named constraints, so a later batch migration on SQLite can find and alter them. CHECK
# constraints are named by hand (ck_<table>_<rule>): migration 0002 adds the same ones.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Timestamps are stored in UTC (DESIGN §5); SQLite drops the zone, so mapping re-attaches it.
_UTC_TIMESTAMP = DateTime(timezone=True)


class Versioned(SQLModel):
    """An editable record: each update names the version it was based on (DESIGN §4).

    The database enforces it: UPDATE ... WHERE version = <the one read>, so of two laptops
    editing one record the second matches no row and is refused, never silently overwrites.
    Repositories set the next version themselves (no generator) so the domain value carries it.
    """

    version: int = 1

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        table = cls.__table__  # type: ignore[attr-defined]
        return {"version_id_col": table.c.version, "version_id_generator": False}


class SeasonRow(SQLModel, table=True):
    __tablename__ = "seasons"
    __table_args__ = (UniqueConstraint("series", "season", name="uq_seasons_series_season"),)

    id: uuid.UUID = Field(primary_key=True)
    series: str
    season: int
    name: str


class TrackRow(Versioned, table=True):
    __tablename__ = "tracks"
    __table_args__ = (
        CheckConstraint("length_millimiles > 0", name="ck_tracks_length_millimiles_positive"),
    )

    id: uuid.UUID = Field(primary_key=True)
    name: str
    length_millimiles: int
    kind: str

    events: list["EventRow"] = Relationship(back_populates="track")


class EventRow(Versioned, table=True):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_series_season", "series", "season"),
        CheckConstraint("round_no >= 1", name="ck_events_round_no_positive"),
    )

    id: uuid.UUID = Field(primary_key=True)
    key: str = Field(unique=True)
    name: str
    series: str
    season: int
    round_no: int
    track_id: uuid.UUID = Field(foreign_key="tracks.id", index=True)
    start_date: date
    end_date: date
    illustrative: bool = False
    stages_scored: int | None = None  # None: the rule pack's (migration 0005)
    points_paying: bool = True

    track: TrackRow = Relationship(
        back_populates="events", sa_relationship_kwargs={"lazy": "joined"}
    )
    sessions: list["SessionRow"] = Relationship(
        back_populates="event", cascade_delete=True, passive_deletes=True
    )
    entries: list["EntryRow"] = Relationship(
        back_populates="event", cascade_delete=True, passive_deletes=True
    )
    results: list["RaceResultRow"] = Relationship(
        back_populates="event", cascade_delete=True, passive_deletes=True
    )
    penalties: list["PenaltyRow"] = Relationship(
        back_populates="event", cascade_delete=True, passive_deletes=True
    )
    changes: list["ChangeRow"] = Relationship(
        back_populates="event", cascade_delete=True, passive_deletes=True
    )


class SessionRow(Versioned, table=True):
    __tablename__ = "sessions"

    id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", ondelete="CASCADE", index=True)
    kind: str
    name: str
    schedule_order: int
    group_name: str | None = None
    round_no: int = 1
    cancelled: bool = False
    feed_clock_ms: int | None = None

    event: EventRow = Relationship(back_populates="sessions")
    laps: list["LapRow"] = Relationship(
        back_populates="session", cascade_delete=True, passive_deletes=True
    )


class DriverRow(Versioned, table=True):
    __tablename__ = "drivers"

    id: uuid.UUID = Field(primary_key=True)
    name: str = Field(index=True)
    disambiguator: str = ""
    # Migration 0009_driver_eligibility. The seasons a driver counts as a Cup driver are a
    # column of the driver, not a table of their own, so the change log and a sync carry them
    # with the driver they describe: the years as text, "2026 2027" (persistence/mapping.py).
    birth_date: date | None = None
    cup_seasons: str = Field(default="", sa_column_kwargs={"server_default": ""})


class EntryRow(Versioned, table=True):
    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("event_id", "car_number", name="uq_entries_event_car"),)

    id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", ondelete="CASCADE")
    car_number: str
    driver_id: uuid.UUID = Field(foreign_key="drivers.id", index=True)
    team: str  # team and owner stay text: they are names on the entry list, not records
    owner: str
    make: str
    guaranteed: bool = False
    oep: bool = False
    past_champion: bool = False
    points_eligible: bool = True
    withdrawn: bool = False
    owner_key: str = ""  # the entry identity whose owner points the car carries ("": its number)

    event: EventRow = Relationship(back_populates="entries")
    substitutions: list["SubstitutionRow"] = Relationship(
        back_populates="entry", cascade_delete=True, passive_deletes=True
    )


class SubstitutionRow(Versioned, table=True):
    __tablename__ = "substitutions"

    id: uuid.UUID = Field(primary_key=True)
    entry_id: uuid.UUID = Field(foreign_key="entries.id", ondelete="CASCADE", index=True)
    replaced_driver_id: uuid.UUID = Field(foreign_key="drivers.id")
    driver_id: uuid.UUID = Field(foreign_key="drivers.id")
    from_session_order: int
    reason: str = ""
    at: datetime = Field(sa_type=_UTC_TIMESTAMP)

    entry: EntryRow = Relationship(back_populates="substitutions")


class LapRow(Versioned, table=True):
    __tablename__ = "laps"
    __table_args__ = (
        Index("ix_laps_session_logged", "session_id", "logged_at"),
        # A feed lap is identified by (session, car, lap number); typed laps have no number,
        # and NULLs never clash (DESIGN §7).
        Index(
            "uq_laps_session_car_lap_number",
            "session_id",
            "car_number",
            "lap_number",
            unique=True,
        ),
        CheckConstraint("lap_ms > 0", name="ck_laps_lap_ms_positive"),
    )

    id: uuid.UUID = Field(primary_key=True)
    session_id: uuid.UUID = Field(foreign_key="sessions.id", ondelete="CASCADE")
    car_number: str
    lap_ms: int
    flag: str | None = None
    note: str = ""
    logged_at: datetime = Field(sa_type=_UTC_TIMESTAMP)
    lap_number: int | None = None

    session: SessionRow = Relationship(back_populates="laps")


class RaceResultRow(Versioned, table=True):
    __tablename__ = "race_results"
    __table_args__ = (
        # One result per car and per finish in each race-like session (the race, each Duel).
        UniqueConstraint("event_id", "session_name", "car_number", name="uq_results_event_car"),
        UniqueConstraint("event_id", "session_name", "finish", name="uq_results_event_finish"),
        CheckConstraint("finish >= 1", name="ck_race_results_finish_positive"),
        CheckConstraint("laps >= 0", name="ck_race_results_laps_not_negative"),
        CheckConstraint(
            "laps_led >= 0 AND laps_led <= laps", name="ck_race_results_laps_led_within_laps"
        ),
        # How many places a stage pays is the rule pack's, not the database's (migration 0005).
        CheckConstraint("stage1 IS NULL OR stage1 >= 1", name="ck_race_results_stage1_positive"),
        CheckConstraint("stage2 IS NULL OR stage2 >= 1", name="ck_race_results_stage2_positive"),
        CheckConstraint("stage3 IS NULL OR stage3 >= 1", name="ck_race_results_stage3_positive"),
    )

    id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", ondelete="CASCADE")
    car_number: str
    driver_id: uuid.UUID = Field(foreign_key="drivers.id", index=True)
    finish: int
    start: int | None = None
    status: str = "running"
    laps: int = 0
    laps_led: int = 0
    stage1: int | None = None
    stage2: int | None = None
    stage3: int | None = None
    fastest_lap: bool = False
    garage_repair: bool = False
    reported_stage_points: int | None = None
    reported_stage_wins: int | None = None
    official: bool = False
    session_name: str = "Race"  # domain.model.RACE, or "Duel 1" / "Duel 2"
    replacement_start: bool = False

    event: EventRow = Relationship(back_populates="results")


class PenaltyRow(Versioned, table=True):
    __tablename__ = "penalties"
    __table_args__ = (
        # Deductions are stored as positive amounts (domain.model.Penalty).
        CheckConstraint(
            "driver_points >= 0 AND owner_points >= 0 AND playoff_points >= 0",
            name="ck_penalties_deductions_not_negative",
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", ondelete="CASCADE", index=True)
    car_number: str
    driver_id: uuid.UUID | None = Field(default=None, foreign_key="drivers.id")
    driver_points: int = 0
    owner_points: int = 0
    playoff_points: int = 0
    disqualified: bool = False
    reason: str

    event: EventRow = Relationship(back_populates="penalties")


class WaiverRow(Versioned, table=True):
    __tablename__ = "waivers"
    __table_args__ = (Index("ix_waivers_series_season", "series", "season"),)

    id: uuid.UUID = Field(primary_key=True)
    series: str
    season: int
    driver_id: uuid.UUID = Field(foreign_key="drivers.id")
    reason: str
    status: str
    note: str = ""
    # NASCAR initiated or approved the absence (2026 Chase rule); migration 0006_postseason
    approved: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class ChangeRow(SQLModel, table=True):
    __tablename__ = "change_history"
    __table_args__ = (Index("ix_change_history_event_at", "event_id", "at"),)

    id: uuid.UUID = Field(primary_key=True)
    at: datetime = Field(sa_type=_UTC_TIMESTAMP)
    event_id: uuid.UUID | None = Field(default=None, foreign_key="events.id", ondelete="CASCADE")
    subject: str
    field_name: str
    old_value: str
    new_value: str
    why: str = ""

    event: EventRow | None = Relationship(back_populates="changes")


class NascarPointsRow(SQLModel, table=True):
    """NASCAR's own points from a feed file, for the cross-check only (model.NascarPoints)."""

    __tablename__ = "nascar_points"
    __table_args__ = (
        UniqueConstraint("event_id", "driver_name", name="uq_nascar_points_event_driver"),
    )

    id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(foreign_key="events.id", ondelete="CASCADE")
    driver_name: str
    car_number: str = ""
    race_points: int | None = None
    season_points: int | None = None
    source: str = ""


class ChangeLogRow(SQLModel, table=True):
    """What each commit touched, in commit order: clients pull from the last position they saw.

    Written in the same transaction as the change (persistence/change_log.py). `event_id` has
    no foreign key: the entry outlives a deleted event. A removal keeps the value as it was
    (`snapshot`, JSON), so a client told of it can name what went; `digest` identifies the
    content a version had, which lets a sync tell a newer copy from a diverged one.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record", "record_id"),)

    # BIGINT on a server; INTEGER on SQLite, where only that aliases the rowid (autoincrement).
    position: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=BigInteger().with_variant(Integer(), "sqlite"),  # type: ignore[call-overload]
    )
    kind: str
    record_id: uuid.UUID
    event_id: uuid.UUID | None = None
    action: str  # added, changed, removed, reloaded
    version: int = 1
    digest: str = ""
    snapshot: str | None = None
    origin: uuid.UUID | None = None  # the client that committed it, so it skips its own echo
    at: datetime = Field(sa_type=_UTC_TIMESTAMP)

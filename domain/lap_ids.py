"""Ids of imported laps made from what they are: a file imported twice at once stores laps once.

Two laptops importing one file (or following one feed) at the same moment both read nothing
stored; the database then keeps an id once, whoever commits first (LapRepository.add_many).
"""

from __future__ import annotations

from uuid import UUID, uuid5

from domain.model import Lap

# Namespace of imported laps' ids (uuid5): fixed forever, or a re-import would double laps.
_IMPORTED_LAP = UUID("5d0c3e64-7a2f-4d8e-9a51-3b7f2f4c1e90")


def numbered_lap_id(session_id: UUID, car_number: str, lap_number: int) -> UUID:
    """A numbered (feed) lap is identified by its session, car and lap number (DESIGN §7)."""
    return uuid5(_IMPORTED_LAP, f"{session_id}|{car_number}|lap {lap_number}")


def repeated_lap_id(lap: Lap, repeat: int) -> UUID:
    """A lap without a number: its session, car, time, flag and note, and which repeat of
    those in the file it is (a car may run the same time twice)."""
    name = "|".join(str(part) for part in (*lap_key(lap), repeat))
    return uuid5(_IMPORTED_LAP, name)


def lap_key(lap: Lap) -> tuple[object, ...]:
    """What makes two unnumbered laps the same lap."""
    return (lap.session_id, lap.car_number, lap.lap_ms, lap.flag, lap.note)

"""NASCAR-shaped files for the import benchmarks, written from the documented schema (FEEDS.md).

Seeded, so every run measures the same data: a 40-car weekend feed, a 500-lap 39-car
lap-times.json (19,500 laps) and CSV lap files of any number of rows.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

SEASON = 2025  # has a rule pack
CARS = 40
TRACK = "Generated Speedway"
RACE = "Generated 500"


def numbers(count: int) -> list[str]:
    return [str(n) for n in range(1, count + 1)]


def write_weekend_feed(path: Path, *, cars: int = CARS, seed: int = 15) -> Path:
    rng = random.Random(seed)
    order = numbers(cars)
    rng.shuffle(order)
    results = [
        {
            "finishing_position": i + 1,
            "starting_position": (i * 7) % cars + 1,
            "car_number": car,
            "driver_fullname": f"Driver {car}",
            "driver_id": 1000 + int(car),
            "team_name": f"Team {int(car) % 12}",
            "owner_fullname": f"Owner {int(car) % 12}",
            "car_make": ("Chevrolet", "Ford", "Toyota")[int(car) % 3],
            "laps_led": 100 if i == 0 else 0,
            "points_earned": max(40 - i, 1),
            "laps_completed": 500 - i // 10,
            "finishing_status": "Running",
        }
        for i, car in enumerate(order)
    ]
    stages = [
        {
            "stage_number": n,
            "results": [
                {"car_number": car, "driver_fullname": f"Driver {car}", "finishing_position": p + 1}
                for p, car in enumerate(order[:10])
            ],
        }
        for n in (1, 2)
    ]
    runs = [
        {
            "run_name": name,
            "run_type": run_type,
            "results": [
                {
                    "car_number": car,
                    "vehicle_number": car,
                    "driver_name": f"Driver {car}",
                    "driver_id": 1000 + int(car),
                    "finishing_position": p + 1,
                    "best_lap_time": round(29.0 + p * 0.01 + rng.random() / 100, 3),
                    "best_lap_number": 3,
                    "laps_completed": 10,
                }
                for p, car in enumerate(order)
            ],
        }
        for name, run_type in (("Practice", 1), ("Busch Pole Qualifying", 2))
    ]
    race = {
        "race_id": 9001,
        "series_id": 1,
        "race_season": SEASON,
        "race_name": RACE,
        "race_type_id": 1,
        "track_name": TRACK,
        "race_date": f"{SEASON}-06-01T19:00:00",
        "scheduled_distance": 750,
        "scheduled_laps": 500,
        "stage_1_laps": 125,
        "stage_2_laps": 125,
        "stage_3_laps": 250,
        "results": results,
        "stage_results": stages,
    }
    path.write_text(json.dumps({"weekend_race": [race], "weekend_runs": runs}))
    return path


def write_lap_times(path: Path, *, cars: int = 39, laps: int = 500, seed: int = 15) -> Path:
    rng = random.Random(seed)
    drivers = [
        {
            "Number": car,
            "FullName": f"Driver {car}",
            "Manufacturer": "Chv",
            "NASCARDriverID": 1000 + int(car),
            "Laps": [{"Lap": 0, "LapTime": None, "LapSpeed": None, "RunningPos": i + 1}]
            + [
                {"Lap": n, "LapTime": round(20.0 + rng.random() * 2, 3), "LapSpeed": "90.000"}
                for n in range(1, laps + 1)
            ],
        }
        for i, car in enumerate(numbers(cars))
    ]
    flags = [{"LapsCompleted": n, "FlagState": 2 if n % 50 < 5 else 1} for n in range(laps + 1)]
    path.write_text(json.dumps({"laps": drivers, "flags": flags}))
    return path


def write_csv_laps(path: Path, rows: int, *, cars: int = CARS, seed: int = 15) -> Path:
    """`rows` lap rows for the generated event's Practice, round-robin over the cars."""
    rng = random.Random(seed)
    cars_list = numbers(cars)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["session", "car", "time", "flag", "note"])
        for i in range(rows):
            time = f"{29 + rng.random() * 2:.3f}"
            writer.writerow(["Practice", cars_list[i % cars], time, "", ""])
    return path


def write_season_sheet(path: Path, *, races: int = 36, cars: int = CARS, seed: int = 15) -> Path:
    """A racing-reference style sheet: `races` × `cars` rows, finish points as the sheet's Pts."""
    rng = random.Random(seed)
    columns = ["Season", "Race", "Track", "Name", "Length", "Surface", "Finish", "Start", "Car",
               "Driver", "Make", "Pts", "Laps", "Led", "Status", "Team", "S1", "S2"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for race in range(1, races + 1):
            order = numbers(cars)
            rng.shuffle(order)
            for place, car in enumerate(order, start=1):
                points = 40 if place == 1 else max(37 - place, 1)
                writer.writerow([
                    SEASON, race, f"Generated Track {race}", f"Generated {race} 400", "1.5",
                    "paved", place, (place * 7) % cars + 1, car, f"Driver {car}", "Toyota",
                    points, 200, 10 if place == 1 else 0, "running", f"Team {int(car) % 12}",
                    "", "",
                ])  # fmt: skip
    return path


def write_practice_snapshots(folder: Path, count: int, *, cars: int = CARS) -> list[Path]:
    """Live-feed snapshots of the weekend feed's Practice: every car one more lap each time."""
    rng = random.Random(15)
    paths = []
    for n in range(1, count + 1):
        vehicles = [
            {
                "vehicle_number": car,
                "driver": {"driver_id": 1000 + int(car), "full_name": f"Driver {car}"},
                "vehicle_manufacturer": "Tyt",
                "running_position": i + 1,
                "laps_completed": 10 + n,
                "last_lap_time": round(29.0 + rng.random(), 3),
                "best_lap": 3,
                "best_lap_time": 29.0,
            }
            for i, car in enumerate(numbers(cars))
        ]
        snapshot = {
            "series_id": 1,
            "race_id": 9001,
            "run_id": 1,
            "run_name": "Practice",
            "run_type": 1,
            "track_name": TRACK,
            "track_length": 1.5,
            "lap_number": 0,
            "elapsed_time": 600 + 30 * n,
            "flag_state": 1,
            "vehicles": vehicles,
        }
        path = folder / f"practice-snapshot-{n:03d}.json"
        path.write_text(json.dumps(snapshot))
        paths.append(path)
    return paths

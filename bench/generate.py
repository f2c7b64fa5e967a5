"""Generate a synthetic catalogue and database at district scale, for the benchmark.

Standard library and the project's own code only. The catalogue keeps the bundled
plan and units and adds synthetic units and tasks, so every cross-file rule still holds.

    python bench/generate.py OUT_DIR [--tasks 5000] [--units 200] [--records 200000]
        [--months 36] [--hazards 50000] [--hazard-events 250000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from maogang_cli.config import bundled_data_dir
from maogang_cli.store.chain import insert_chained
from maogang_cli.store.db import connect
from maogang_cli.store.duties import DUTY_COLUMNS
from maogang_cli.store.progress import PROGRESS_COLUMNS
from maogang_cli.store.sync import sync_catalogue

STATUSES = ("not_started", "in_progress", "done", "blocked")
YEARS = (2024, 2025, 2026)


def _units_yaml(bundled: str, extra: int) -> str:
    """The bundled units plus `extra` synthetic departments, all members of a new group."""
    lines = [bundled.rstrip("\n"), ""]
    # The bundled file ends with its groups: append units in a second `units:` block is not
    # YAML, so synthetic units go into the existing list by rewriting its start.
    names = [f"镇街{i:03d}办" for i in range(extra)]
    units_block = "".join(
        f"  - name: {n}\n    key: b{i:03d}\n    full_name: 合成单位{n}\n    kind: department\n"
        "    aliases: []\n"
        for i, n in enumerate(names)
    )
    text = "\n".join(lines).replace("units:\n", "units:\n" + units_block, 1)
    members = ", ".join(names)
    text += (
        f"  - name: 合成单位组\n    key: bgroup\n    full_name: 基准测试单位组\n"
        f"    aliases: []\n    members: [{members}]\n"
    )
    return text


def _tasks_yaml(year: int, count: int, units: list[str], rng: random.Random) -> str:
    out = [f"year: {year}", "tasks:"]
    for seq in range(1, count + 1):
        lead = rng.sample(units, k=rng.randint(1, 3))
        support = rng.sample([u for u in units if u not in lead], k=rng.randint(0, 2))
        out += [
            f'  - id: "B{year}-{seq:05d}"',
            f"    seq: {seq}",
            f"    action: 合成行动{seq % 9 + 1}",
            f"    title: 合成任务{year}第{seq}项",
            f"    description: 基准测试用的合成任务描述，第{seq}项，用于测量规模。",
            f'    deadline: "{year}-{rng.randint(1, 12):02d}"',
            f"    responsible: [{', '.join(lead)}]",
            f"    cooperating: [{', '.join(support)}]",
            f"    measures: [{rng.randint(1, 30)}]",
        ]
    return "\n".join(out) + "\n"


def generate(
    out: Path,
    tasks: int,
    units: int,
    records: int,
    months: int,
    seed: int = 1,
    hazards: int = 0,
    hazard_events: int = 0,
) -> Path:
    """Write OUT/data (the catalogue) and OUT/bench.db (loaded, with progress, reports and
    hazards)."""
    rng = random.Random(seed)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    bundled = bundled_data_dir()
    shutil.copy(bundled / "plan_2024_2026.yaml", data / "plan_2024_2026.yaml")
    shutil.copy(bundled / "hazards.yaml", data / "hazards.yaml")
    bundled_units = (bundled / "units.yaml").read_text("utf-8")
    existing = sum(1 for line in bundled_units.splitlines() if line.startswith("    kind:"))
    (data / "units.yaml").write_text(_units_yaml(bundled_units, max(0, units - existing)), "utf-8")
    names = [f"镇街{i:03d}办" for i in range(max(0, units - existing))] + ["城运中心", "规建办"]
    per_year = [
        tasks // len(YEARS) + (1 if i < tasks % len(YEARS) else 0) for i in range(len(YEARS))
    ]
    for year, count in zip(YEARS, per_year, strict=True):
        (data / f"tasks_{year}.yaml").write_text(_tasks_yaml(year, count, names, rng), "utf-8")

    db_path = out / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    conn = connect(db_path)
    sync_catalogue(conn, data)
    _fill(conn, rng, records, months)
    if hazards:
        fill_hazards(conn, rng, hazards, hazard_events)
    conn.close()
    return db_path


def _fill(conn: sqlite3.Connection, rng: random.Random, records: int, months: int) -> None:
    pairs = conn.execute(
        "SELECT task_id, unit, unit_key FROM task_units ORDER BY task_id, unit"
    ).fetchall()
    start = date(2024, 1, 1)
    conn.execute("BEGIN")
    # Through the store's one insert path, so the generated evidence is sealed (check passes).
    insert_chained(
        conn,
        "progress",
        PROGRESS_COLUMNS,
        (
            (
                (pair := rng.choice(pairs))[0],
                pair[1],
                rng.choice(STATUSES),
                (day := start + timedelta(days=rng.randrange(1095))).isoformat(),
                rng.randrange(101),
                f"进展说明{i}",
                "",
                "bench",
                f"{day.isoformat()}T09:00:00+08:00",
                "bench",
                pair[2],
            )
            for i in range(records)
        ),
    )
    owners = conn.execute("SELECT owner_units FROM duties WHERE id = 'monthly_report'").fetchone()
    if owners:
        import json

        keys = dict(conn.execute("SELECT name, key FROM units").fetchall())
        units = json.loads(owners[0]) + [
            r[0] for r in conn.execute("SELECT name FROM units WHERE name LIKE '镇街%'")
        ]
        rows = []
        for m in range(months):
            year, month = 2024 + m // 12, m % 12 + 1
            for unit in units:
                if rng.random() < 0.9:
                    day = date(year, month, rng.randint(10, 28)).isoformat()
                    rows.append(
                        (
                            "monthly_report",
                            f"{year}-{month:02d}",
                            unit,
                            day,
                            "",
                            "bench",
                            f"{day}T10:00:00+08:00",
                            "bench",
                            keys[unit],
                        )
                    )
        insert_chained(
            conn,
            "duty_records",
            DUTY_COLUMNS,
            rows,
        )
    conn.execute("COMMIT")


def fill_hazards(conn: sqlite3.Connection, rng: random.Random, hazards: int, events: int) -> int:
    """`hazards` hazards with about `events` events in all, each life following the
    ledger's rules (上账 → 整改中 → 整改完成 → 审核通过 → 销号, some extended), written
    through the store's one writer per table. Returns the number of events written."""
    from maogang_cli.domain.hazards import hazard_id
    from maogang_cli.store import hazard_ledger as ledger
    from maogang_cli.store import hazards as store

    villages = ledger.canonical_names(conn, "village")
    sectors = ledger.canonical_names(conn, "sector")
    keys = ledger.unit_keys(conn)
    departments = [keys[d] for d in ledger.supervising_departments(conn)]
    steps = ("rectifying", "rectified", "verified", "closed")
    # How far along a hazard gets (0–4 steps) and how often it is extended: about 5 events
    # a hazard with the default sizes (1 + 3.35 + 0.75, less what runs past the last day).
    lengths = rng.choices(range(5), weights=(5, 5, 10, 10, 70), k=hazards)
    extend_share = max(0.0, min(1.0, events / max(hazards, 1) - 1 - 3.25))
    last_day = date(2026, 11, 30)
    numbers: dict[int, int] = {}
    rows: list[store.NewHazard] = []
    lives: list[store.NewEvent] = []
    for i in range(hazards):
        found = date(2022, 1, 1) + timedelta(days=rng.randrange((last_day - date(2022, 1, 1)).days))
        numbers[found.year] = numbers.get(found.year, 0) + 1
        hid = hazard_id(found.year, numbers[found.year])
        deadline = found + timedelta(days=rng.randint(15, 120))
        at = f"{found.isoformat()}T09:00:00+08:00"
        entity = f"合成企业{i}"
        description = f"合成隐患描述{i}"
        rows.append(
            store.NewHazard(
                id=hid,
                year=found.year,
                number=numbers[found.year],
                found_on=found,
                source=rng.choice(("self_report", "inspection", "public_report", "other")),
                level="major" if rng.random() < 0.8 else "general",
                entity=entity,
                village=rng.choice(villages),
                sector=rng.choice(sectors),
                department=rng.choice(departments),
                description=description,
                deadline=deadline,
                match_key=f"{entity}|{description}|{found.isoformat()}",
                recorded_by="bench",
                recorded_at=at,
                source_file="bench",
            )
        )
        life = [("registered", found, "registered", deadline, None)]
        day, state = found, "registered"
        plan = list(steps[: lengths[i]])
        if rng.random() < extend_share:  # while open: before the closing step, if any
            room = len(plan) - (1 if plan and plan[-1] == "closed" else 0)
            plan.insert(rng.randrange(room + 1), "extended")
        for step in plan:
            day = day + timedelta(days=rng.randint(1, 30))
            if day > last_day:
                break
            if step == "extended":
                deadline = deadline + timedelta(days=rng.randint(30, 90))
                life.append((step, day, state, deadline, deadline))
            else:
                state = step
                life.append((step, day, state, deadline, None))
        for seq, (event, on, after, in_force, new_deadline) in enumerate(life, start=1):
            lives.append(
                store.NewEvent(
                    hid,
                    seq,
                    event,
                    on,
                    after,
                    in_force,
                    f"p{seq % 2}",
                    at,
                    new_deadline=new_deadline,
                    approved_by="镇安委办" if new_deadline else "",
                    note="延期" if new_deadline else "",
                    source="bench",
                )
            )
    conn.execute("BEGIN")
    store.insert_hazards(conn, rows)
    store.insert_events(conn, lives)
    conn.execute("COMMIT")
    return len(lives)


def seed_ledger(db: Path, hazards: int, events: int) -> None:
    """The bundled catalogue loaded into `db`, with a hazard ledger of that size."""
    conn = connect(db)
    sync_catalogue(conn, bundled_data_dir())
    fill_hazards(conn, random.Random(2), hazards, events)
    conn.close()


def main() -> None:
    if sys.argv[1:2] == ["--ledger-only"]:  # DB HAZARDS EVENTS: for bench/run.py
        seed_ledger(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--hazards", type=int, default=50_000)
    parser.add_argument("--hazard-events", type=int, default=250_000)
    args = parser.parse_args()
    db = generate(
        args.out,
        args.tasks,
        args.units,
        args.records,
        args.months,
        hazards=args.hazards,
        hazard_events=args.hazard_events,
    )
    print(f"wrote {args.out / 'data'} and {db}")


if __name__ == "__main__":
    main()

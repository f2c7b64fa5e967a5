"""Reading the hazard ledger: the villages, sectors and departments its names resolve
against, one hazard and its events, and the whole ledger as of a day (every hazard's
state, deadline in force and last day then) for `hazard list/stats/targets`, `overdue`,
`agenda`, the monthly export, the chart and the bulletin. Only SQL here; the rules are
in domain/hazards.py, the writing in store/hazards.py.
"""

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

# No `from __future__ import annotations`: Filters is on the read path of `overdue` and
# `agenda`, where typing would compile each string annotation at every run.

# The group whose members audit and close hazards (四（三）16: 负有安全监管职责有关部门
# 审核把关销号机制; task row 13).
SUPERVISORS = "各负有安全生产监管职责的部门"


def unit_keys(conn: sqlite3.Connection) -> dict[str, str]:
    """Canonical unit name -> its stable key. The hazards table stores a department by
    its key (column `department`), so a renamed unit keeps its hazards."""
    return {name: key or name for name, key in conn.execute("SELECT name, key FROM units")}


def unit_labels(conn: sqlite3.Connection) -> dict[str, str]:
    """Unit key -> the unit's name today, to show a stored department."""
    return {key or name: name for name, key in conn.execute("SELECT name, key FROM units")}


def supervising_departments(conn: sqlite3.Connection) -> list[str]:
    """The canonical names of the members of 各负有安全生产监管职责的部门, in order."""
    import json

    row = conn.execute("SELECT members FROM units WHERE name = ?", [SUPERVISORS]).fetchone()
    return list(json.loads(row[0])) if row else []


def vocabulary(conn: sqlite3.Connection, which: str) -> dict[str, str]:
    """Every name and alias of the villages ('village') or sectors ('sector') ->
    canonical name, in file order of the canonical names."""
    table = "villages" if which == "village" else "sectors"
    rows = conn.execute(
        f"""SELECT n.name, n.canonical FROM hazard_names n JOIN {table} t ON t.name = n.canonical
            WHERE n.vocabulary = ? ORDER BY t.position, n.name != n.canonical""",
        [which],
    )
    return {name: canonical for name, canonical in rows}


def canonical_names(conn: sqlite3.Connection, which: str) -> list[str]:
    table = "villages" if which == "village" else "sectors"
    return [r[0] for r in conn.execute(f"SELECT name FROM {table} ORDER BY position")]


def hazard_row(conn: sqlite3.Connection, hazard_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM hazards WHERE id = ?", [hazard_id.strip().upper()]
    ).fetchone()
    return row


def registered_rows(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, sqlite3.Row]:
    """Hazards by id, each with `in_force`: its deadline after its latest event."""
    found: dict[str, sqlite3.Row] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"""SELECT h.*, substr(l.packed, 11, 10) AS in_force
                FROM hazards h JOIN hazard_latest l ON l.hazard_id = h.id
                WHERE h.id IN ({marks})""",
            chunk,
        ):
            found[row["id"]] = row
    return found


def event_rows(conn: sqlite3.Connection, hazard_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT * FROM hazard_events WHERE hazard_id = ? ORDER BY seq", [hazard_id]
    ).fetchall()


def all_hazard_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM hazards ORDER BY year, number")]


def has_ledger(conn: sqlite3.Connection) -> bool:
    """Whether any hazard was ever registered (other commands skip the ledger if not)."""
    return conn.execute("SELECT 1 FROM hazards LIMIT 1").fetchone() is not None


# The state, deadline in force and day of a hazard's last event on or before :day, packed
# in one string read from the index alone (hazard_events_state covers it): YYYY-MM-DD of
# the event, YYYY-MM-DD of the deadline, then the state.
# Most hazards' latest event is on or before the day asked for (always, for today): its
# packed string is then read from hazard_latest, and only the others seek their events.
_PACKED = """(CASE WHEN l.happened_on <= :day THEN l.packed ELSE
    (SELECT x.happened_on || x.deadline || x.state FROM hazard_events x
     WHERE x.hazard_id = h.id AND x.happened_on <= :day
     ORDER BY x.happened_on DESC, x.seq DESC LIMIT 1) END)"""
_LATEST = "hazards h JOIN hazard_latest l ON l.hazard_id = h.id"


def _snapshot(columns: str) -> str:
    """`WITH … snapshot AS (…)`: every hazard found by :day (and matching {where}) with
    `columns` of its own, and its state, deadline in force and last day then.

    Most hazards read their packed state from hazard_latest; the others seek their events.
    The list names the state many times over a few hazards: it materializes them, so those
    seeks run once each. `+h.found_on` keeps SQLite from reading the hazards through the
    found_on index: nearly every one qualifies, and a scan in table order is several times
    faster."""
    return f"""
    WITH packed AS MATERIALIZED (
        SELECT {columns}, {_PACKED} AS packed
        FROM {_LATEST} WHERE +h.found_on <= :day {{where}}
    ),
    snapshot AS (
        SELECT *, substr(packed, 21) AS state, substr(packed, 11, 10) AS deadline,
               substr(packed, 1, 10) AS last_on
        FROM packed
    )
"""


SNAPSHOT_SQL = _snapshot(
    "h.id, h.found_on, h.level, h.source, h.department, h.village, h.sector, h.entity, "
    "h.description, h.year, h.number"
)


class Filters(NamedTuple):
    """What `hazard list` and `stats` narrow the ledger to (None: no narrowing)."""

    departments: Sequence[str] | None = None
    villages: Sequence[str] | None = None
    sectors: Sequence[str] | None = None
    sources: Sequence[str] | None = None
    levels: Sequence[str] | None = None
    found_from: date | None = None
    found_to: date | None = None


def _where(filters: Filters, args: dict[str, object]) -> str:
    clauses: list[str] = []
    for column, values in (
        ("department", filters.departments),
        ("village", filters.villages),
        ("sector", filters.sectors),
        ("source", filters.sources),
        ("level", filters.levels),
    ):
        if values is not None:
            names = []
            for i, value in enumerate(values):
                args[f"{column}{i}"] = value
                names.append(f":{column}{i}")
            clauses.append(f"h.{column} IN ({', '.join(names) or 'NULL'})")
    if filters.found_from is not None:
        args["found_from"] = filters.found_from.isoformat()
        clauses.append("h.found_on >= :found_from")
    if filters.found_to is not None:
        args["found_to"] = filters.found_to.isoformat()
        clauses.append("h.found_on <= :found_to")
    return "".join(f" AND {c}" for c in clauses)


def snapshot_rows(
    conn: sqlite3.Connection,
    day: date,
    filters: Filters = Filters(),
    *,
    states: Sequence[str] | None = None,
    overdue_only: bool = False,
) -> list[tuple[object, ...]]:
    """Every hazard found by `day` as it stood then, in id order: (id, found_on, level,
    source, department, village, sector, entity, description, state, deadline, last_on)."""
    args: dict[str, object] = {"day": day.isoformat()}
    sql = SNAPSHOT_SQL.format(where=_where(filters, args)) + (
        " SELECT id, found_on, level, source, department, village, sector, entity, "
        "description, state, deadline, last_on FROM snapshot"
    )
    outer: list[str] = []
    if states is not None:
        for i, state in enumerate(states):
            args[f"state{i}"] = state
        outer.append(f"state IN ({', '.join(f':state{i}' for i in range(len(states))) or 'NULL'})")
    if overdue_only:
        outer.append("state NOT IN ('closed', 'voided') AND deadline < :day")
    if outer:
        sql += " WHERE " + " AND ".join(outer)
    sql += " ORDER BY year, number"  # not by id: NNNN widens past 9999
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, not Rows made and copied: 13,000 at scale
    rows: list[tuple[object, ...]] = cursor.execute(sql, args).fetchall()
    return rows


# The statistics and the targets read the ledger in two parts. Most hazards' latest event
# is on or before the day (all of them, for today): their state, deadline in force and
# last day are hazard_latest's own columns, compared as they are (no substr(): SQLite makes
# a new string for each). The few whose latest event is later seek the event in force on
# the day once each, in a materialized table, and cut it out of the packed string there;
# they are found through hazard_latest_on (migration 15), not by reading every hazard.
_SETTLED = f"""SELECT {{columns}}, l.state AS state, l.deadline AS deadline,
    l.happened_on AS last_on
    FROM {_LATEST} WHERE +h.found_on <= :day AND +l.happened_on <= :day {{where}}"""
_LATER = f"""WITH later AS MATERIALIZED (
        SELECT {{columns}}, {_PACKED} AS packed
        FROM hazard_latest l CROSS JOIN hazards h ON h.id = l.hazard_id
        WHERE l.happened_on > :day AND +h.found_on <= :day {{where}}
    )"""
_LATER_SNAPSHOT = """SELECT *, substr(packed, 21) AS state, substr(packed, 11, 10) AS deadline,
    substr(packed, 1, 10) AS last_on FROM later"""


def _two_parts(columns: str, outer: str, where: str) -> tuple[str, str]:
    """`outer` (a SELECT … FROM {snapshot} …) over the settled hazards and over the later
    ones: two statements, whose results the caller adds up."""
    settled = _SETTLED.format(columns=columns, where=where)
    later = _LATER.format(columns=columns, where=where)
    return (
        outer.format(snapshot=f"({settled})"),
        f"{later} {outer.format(snapshot=f'({_LATER_SNAPSHOT})')}",
    )


# What the statistics count of one hazard, read in one pass: its standing as one code
# (closed 1, overdue 2, closed on time 4; open and not overdue 0) and, once closed, the
# days from found to closed. SQLite works these out for each hazard: a Python loop over
# 50,000 rows cost more than fetching them.
CLOSED, OVERDUE, ON_TIME = 1, 2, 4
_COUNTED = f"""SELECT department, village, sector, source, level, substr(found_on, 1, 7),
    CASE WHEN state = 'closed' THEN {CLOSED} + {ON_TIME} * (last_on <= deadline)
         ELSE {OVERDUE} * (deadline < :day) END,
    CASE WHEN state = 'closed'
         THEN CAST(julianday(last_on) - julianday(found_on) AS INTEGER) END
    FROM {{snapshot}} WHERE state != 'voided'"""
_COUNTED_COLUMNS = "h.department, h.village, h.sector, h.source, h.level, h.found_on"

LedgerRow = tuple[str, str, str, str, str, str, int, "int | None"]


def ledger_rows(
    conn: sqlite3.Connection, day: date, filters: Filters = Filters()
) -> list[LedgerRow]:
    """(department, village, sector, source, level, month found, code, days from found to
    closed or None) of every hazard found by `day` and not voided then: what the
    statistics count (domain.hazard_figures.count_ledger), as plain tuples."""
    args: dict[str, object] = {"day": day.isoformat()}
    cursor = conn.cursor()
    cursor.row_factory = None
    rows: list[LedgerRow] = []
    for sql in _two_parts(_COUNTED_COLUMNS, _COUNTED, _where(filters, args)):
        rows += cursor.execute(sql, args).fetchall()
    return rows


# `hazard stats` reads one integer per hazard instead of six strings (fetching and counting
# the strings cost most of its time at 50,000 hazards). The key holds the number of each
# name the hazard is counted under (hazard_labels, migration 15), in three groups; each
# group has the hazard's standing code (as above) in its three low bits, so a group and the
# code come out of the key with one shift and one mask, and are counted together.
# (dimension, bits): at most 2**bits names each; past that, the strings are counted.
KEY_GROUPS: tuple[tuple[tuple[str, int], ...], ...] = (
    (("department", 6), ("source", 3), ("level", 2)),
    (("village", 8), ("sector", 8)),
    (("month", 10),),
)


def key_layout() -> tuple[dict[str, tuple[int, int]], int]:
    """dimension -> (shift, bits) in the key, and the number whose multiples put a code
    into every group's low three bits."""
    fields: dict[str, tuple[int, int]] = {}
    spread, shift = 0, 0
    for group in KEY_GROUPS:
        spread += 1 << shift
        shift += 3
        for dimension, bits in group:
            fields[dimension] = (shift, bits)
            shift += bits
    return fields, spread


def dims_sql(h: str) -> str:
    """SQL for the numbers of the names of hazard row `h`, placed as key_layout says (NULL
    if a name has no number; the query adds the code)."""
    fields, _ = key_layout()
    parts = []
    for dimension, (shift, _bits) in fields.items():
        name = f"substr({h}.found_on, 1, 7)" if dimension == "month" else f"{h}.{dimension}"
        parts.append(
            f"(SELECT number FROM hazard_labels WHERE dimension = '{dimension}'"
            f" AND name = {name}) * {1 << shift}"
        )
    return " + ".join(parts)


_KEYED = f"""SELECT dims + {key_layout()[1]} * CASE WHEN state = 'closed'
         THEN {CLOSED} + {ON_TIME} * (last_on <= deadline)
         ELSE {OVERDUE} * (deadline < :day) END,
    CASE WHEN state = 'closed'
         THEN CAST(julianday(last_on) - julianday(found_on) AS INTEGER) END
    FROM {{snapshot}} WHERE state != 'voided'"""

KeyedRow = tuple["int | None", "int | None"]


def keyed_rows(conn: sqlite3.Connection, day: date, filters: Filters = Filters()) -> list[KeyedRow]:
    """(key, days from found to closed or None) of every hazard found by `day` and not
    voided then: ledger_rows with the names as numbers (key None: a hazard without them)."""
    args: dict[str, object] = {"day": day.isoformat()}
    cursor = conn.cursor()
    cursor.row_factory = None
    rows: list[KeyedRow] = []
    for sql in _two_parts("h.found_on, l.dims AS dims", _KEYED, _where(filters, args)):
        rows += cursor.execute(sql, args).fetchall()
    return rows


def hazard_labels(conn: sqlite3.Connection) -> dict[str, dict[int, str]]:
    """dimension -> number -> name, for keyed_rows' keys."""
    labels: dict[str, dict[int, str]] = {d: {} for group in KEY_GROUPS for d, _ in group}
    for dimension, number, name in conn.execute(
        "SELECT dimension, number, name FROM hazard_labels"
    ):
        labels.setdefault(dimension, {})[number] = name
    return labels


# Each figure a target needs, summed over the major hazards not voided. A year's hazards
# are those found (or closed) between its first and last day: the same as comparing the
# year's four characters, without making a string for each hazard.
TARGET_FIGURES = {
    "stock_found": "found_on <= :stock_found_by",
    "stock_closed": "found_on <= :stock_found_by AND state = 'closed'",
    "found_before": "found_on BETWEEN :year_before_first AND :year_before_last",
    "found_in": "found_on BETWEEN :year_of_first AND :year_of_last",
    "open_overdue": "state != 'closed' AND deadline < :day",
    "closed": "state = 'closed' AND last_on BETWEEN :close_first AND :close_last",
    "closed_on_time": (
        "state = 'closed' AND last_on BETWEEN :close_first AND :close_last AND last_on <= deadline"
    ),
}
_TARGET_COLUMNS = "h.found_on, h.level"


def target_counts(
    conn: sqlite3.Connection,
    day: date,
    wanted: Sequence[str],
    *,
    stock_found_by: date,
    increment_years: tuple[int, int],
    close_year: int,
    filters: Filters = Filters(),
) -> dict[str, int]:
    """The `wanted` figures of TARGET_FIGURES, as the major hazards stood on `day`;
    `filters` may leave out hazards a target does not count, to seek fewer. Each target
    asks for its own figures only: every figure is a comparison or two per hazard."""
    args: dict[str, object] = {"day": day.isoformat(), "stock_found_by": stock_found_by.isoformat()}
    for name, year in (
        ("year_before", increment_years[0]),
        ("year_of", increment_years[1]),
        ("close", close_year),
    ):
        args[f"{name}_first"] = date(year, 1, 1).isoformat()
        args[f"{name}_last"] = date(year, 12, 31).isoformat()
    sums = ", ".join(f"sum({TARGET_FIGURES[name]})" for name in wanted)
    outer = f"SELECT {sums} FROM {{snapshot}} WHERE state != 'voided' AND level = 'major'"
    counts = dict.fromkeys(wanted, 0)
    for sql in _two_parts(_TARGET_COLUMNS, outer, _where(filters, args)):
        row = conn.execute(sql, args).fetchone()
        for name, value in zip(wanted, row, strict=True):
            counts[name] += int(value or 0)
    return counts

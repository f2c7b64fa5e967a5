"""Progress records: append-only writes, and the per-pair state aggregated in SQL."""

import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.status import COUNTS, PairState, UnitSummary, summaries

if TYPE_CHECKING:
    from maogang_cli.store.new_records import NewRecord as NewRecord


def append_records(conn: sqlite3.Connection, records: "Sequence[NewRecord]") -> list[int]:
    """Insert all records in one short transaction; all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = insert_records(conn, records)
        conn.execute("COMMIT")
        return ids
    except BaseException:
        # SQLite may have rolled back already (a full disk): the first error is the one
        # to report, not the ROLLBACK's "no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


PROGRESS_COLUMNS = tuple(
    [
        "task_id",
        "unit",
        "status",
        "happened_on",
        "percent",
        "note",
        "evidence",
        "recorded_by",
        "recorded_at",
        "source",
        "unit_key",
    ]
)


def insert_records(conn: sqlite3.Connection, records: "Sequence[NewRecord]") -> list[int]:
    """Insert records inside the caller's transaction (`import` adds its own row to it).

    The one way a progress record is written: each row stores its unit's key beside the
    unit's name at the time, and is sealed into the hash chain (store/chain.py)."""
    from maogang_cli.store.chain import insert_chained

    keys = unit_keys(conn)
    return insert_chained(
        conn,
        "progress",
        PROGRESS_COLUMNS,
        (
            (
                r.task_id,
                r.unit,
                r.status,
                r.happened_on.isoformat(),
                r.percent,
                r.note,
                r.evidence,
                r.recorded_by,
                r.recorded_at,
                r.source,
                key_of(keys, r.unit),
            )
            for r in records
        ),
    )


def unit_keys(conn: sqlite3.Connection) -> dict[str, str]:
    """Every unit name and alias -> its unit's key (retired units included)."""
    return {name: key for name, key in conn.execute("SELECT name, key FROM unit_names")}


def key_of(keys: dict[str, str], unit: str) -> str:
    """A unit's key; a name with none is a bug of the caller, which resolves names first."""
    if unit is not None and unit not in keys:
        raise LookupError(f"unit '{unit}' has no key: resolve the name before storing it")
    return keys.get(unit, unit)


# The state of each reporting pair as of a day, from the records no void names
# (progress_live; domain.voids states the rule): its latest status, the start of its
# current run of 'done', and its latest non-empty note and percent. Each is an index seek
# on progress_state (task_id, unit, happened_on, recorded_at, id, status) per pair, so the
# cost grows with the pairs shown, not with the records kept.
#
# Three queries share one base, the `pairs` asked for (`Pairs`), and the expressions
# below: the states (`pair_states`), the overdue pairs (`overdue_pairs`), and the counts
# per unit (`unit_summaries`).
_NEWEST = "ORDER BY p.happened_on DESC, p.recorded_at DESC, p.id DESC LIMIT 1"


def _of(pair: str) -> str:
    """The live records of the pair in the row `pair` (pairs or states) up to :as_of."""
    return (
        f"p.task_id = {pair}.task_id AND p.unit_key = {pair}.unit_key AND p.happened_on <= :as_of"
    )


# The latest status; NULL when the pair has no record yet.
_STATUS = f"(SELECT p.status FROM progress_live p WHERE {_of('pairs')} {_NEWEST})"
_NOTE = f"(SELECT p.note FROM progress_live p WHERE {_of('pairs')} AND p.note != '' {_NEWEST})"
_PERCENT = (
    f"(SELECT p.percent FROM progress_live p WHERE {_of('pairs')} "
    f"AND p.percent IS NOT NULL {_NEWEST})"
)
# A done pair's current run of 'done' starts at its first record after its latest other
# record (a row-value bound, so one index seek), or at its first record if it has no other.
_RUN_START = f"""COALESCE(
        (SELECT MIN(p.happened_on) FROM progress last, progress_live p
         WHERE last.id = (
             SELECT p.id FROM progress_live p
             WHERE {_of("states")} AND p.status != 'done' {_NEWEST}
         )
         AND {_of("states")}
         AND (p.happened_on, p.recorded_at, p.id) > (last.happened_on, last.recorded_at, last.id)),
        (SELECT MIN(p.happened_on) FROM progress_live p WHERE {_of("states")})
    )"""
_LIST_ORDER = "ORDER BY states.year, states.seq, states.task_id, states.unit_rank, states.unit"


class Pairs(NamedTuple):
    """Which reporting pairs a query covers: conditions on task_units tu and tasks t, and
    their arguments (with :as_of)."""

    where: str
    args: dict[str, object]


def _pairs(
    options: ReportOptions,
    *,
    task_ids: Sequence[str] | None = None,
    include_retired: bool = False,
    past_deadline: bool = False,
) -> Pairs:
    """The reporting pairs a report covers: its roles, units and year, as of its day."""
    where = ["1 = 1" if include_retired else "t.retired = 0"]
    args: dict[str, object] = {"as_of": options.as_of.isoformat()}

    def among(column: str, prefix: str, values: Sequence[object]) -> None:
        marks = ",".join(f":{prefix}{i}" for i in range(len(values)))
        where.append(f"{column} IN ({marks})")
        args.update({f"{prefix}{i}": v for i, v in enumerate(values)})

    among("tu.role", "r", options.roles)
    if options.units is not None:
        among("tu.unit", "u", options.units)
    if options.year is not None:
        where.append("t.year = :year")
        args["year"] = options.year
    if task_ids is not None:
        among("t.id", "t", task_ids)
    if past_deadline:
        where.append("t.deadline < :as_of")
    return Pairs(" AND ".join(where), args)


def _listed_pairs(pairs: Pairs) -> str:
    """The base of the listing queries: each pair with what orders it in the task list."""
    return f"""pairs AS (
    SELECT tu.task_id, tu.unit, tu.unit_key, tu.role, t.deadline, t.year, t.seq,
        u.rowid AS unit_rank
    FROM task_units tu JOIN tasks t ON t.id = tu.task_id
    LEFT JOIN units u ON u.key = tu.unit_key
    WHERE {pairs.where}
)"""


def _states_sql(pairs: Pairs, *, details: bool) -> str:
    note, percent = (_NOTE, _PERCENT) if details else ("NULL", "NULL")
    return f"""
WITH {_listed_pairs(pairs)}, states AS MATERIALIZED (
    SELECT pairs.*, {_STATUS} AS status, {note} AS note, {percent} AS percent
    FROM pairs
)
SELECT states.task_id, states.unit, states.role, states.deadline, states.status,
    states.note, states.percent,
    CASE WHEN states.status = 'done' THEN {_RUN_START} END AS done_since
FROM states
{_LIST_ORDER}
"""


# The domain's rules for one pair (domain.status.PairState) in SQL, for the queries over
# many pairs; each is written once here and pinned to the domain rule at its boundaries
# (done on the deadline day, as of the deadline day) by tests/store/test_rules_in_sql.py.
_NOT_DONE = "states.status IS NOT 'done'"
# Overdue: not done, from the day after the deadline (never on the deadline day itself).
_OVERDUE = f"{_NOT_DONE} AND states.deadline < :as_of"
# Done late: the current run of 'done' began after the deadline (CASE: the run's start is
# worked out for done pairs only).
_DONE_LATE = f"CASE WHEN states.status = 'done' THEN {_RUN_START} > states.deadline ELSE 0 END"
# Due soon (yellow): not done, deadline from the as-of day to :soon.
_DUE_SOON = f"{_NOT_DONE} AND states.deadline BETWEEN :as_of AND :soon"


def _overdue_sql(pairs: Pairs) -> str:
    """Pairs past their deadline (in `pairs`) and not done: no run of 'done' to work out."""
    return f"""
WITH {_listed_pairs(pairs)}, states AS MATERIALIZED (
    SELECT pairs.*, {_STATUS} AS status
    FROM pairs
)
SELECT states.task_id, states.unit, states.role, states.deadline, states.status,
    NULL AS note, NULL AS percent, NULL AS done_since
FROM states
WHERE {_OVERDUE}
{_LIST_ORDER}
"""


# Per unit, what `domain.status.count_states` counts over its pairs; the same rules:
# overdue from the day after the deadline, done late when the run of 'done' began after
# it, due soon (yellow) when not done and the deadline is within warn_days.
def _counts_sql(pairs: Pairs) -> str:
    return f"""
WITH pairs AS (
    SELECT tu.task_id, tu.unit, tu.unit_key, t.deadline
    FROM task_units tu JOIN tasks t ON t.id = tu.task_id
    WHERE {pairs.where}
), states AS MATERIALIZED (
    SELECT pairs.*, COALESCE({_STATUS}, 'not_started') AS status
    FROM pairs
)
SELECT states.unit,
    count(*) AS tasks,
    sum(states.status = 'done') AS done,
    sum(states.status = 'in_progress') AS in_progress,
    sum(states.status = 'not_started') AS not_started,
    sum(states.status = 'blocked') AS blocked,
    sum({_OVERDUE}) AS overdue,
    sum({_DONE_LATE}) AS done_late,
    sum({_DUE_SOON}) AS due_soon
FROM states
GROUP BY states.unit
"""


def unit_summaries(conn: sqlite3.Connection, options: ReportOptions) -> list[UnitSummary]:
    """`summarise(pair_states(...), unit_order(conn))`, counted in SQL: at district scale
    no Python object is made per pair."""
    pairs = _pairs(options)
    args = dict(pairs.args)
    try:
        args["soon"] = (options.as_of + timedelta(days=options.warn_days)).isoformat()
    except OverflowError:  # a window past the year 9999: everything not done is soon
        args["soon"] = date.max.isoformat()
    counts = {
        row["unit"]: {key: row[key] for key in COUNTS}
        for row in conn.execute(_counts_sql(pairs), args)
    }
    return summaries(counts, unit_order(conn))


def pair_states(
    conn: sqlite3.Connection,
    options: ReportOptions,
    *,
    task_ids: Sequence[str] | None = None,
    include_retired: bool = False,
    details: bool = True,
) -> list[PairState]:
    """The state of every reporting pair of live tasks that `options` covers, in list
    order (year, seq, unit).

    details=False leaves out the latest note and percent, which counts do not need."""
    pairs = _pairs(options, task_ids=task_ids, include_retired=include_retired)
    return _read_states(conn, _states_sql(pairs, details=details), pairs, options)


def overdue_pairs(
    conn: sqlite3.Connection, options: ReportOptions, *, task_ids: Sequence[str] | None = None
) -> list[PairState]:
    """The overdue pairs (the domain's rule, in SQL: `_OVERDUE`), in list order, for
    `overdue` at district scale: without notes, and without working out when done pairs
    were done. Nothing filters them again: a test pins the SQL to the domain rule."""
    pairs = _pairs(options, task_ids=task_ids, past_deadline=True)
    return _read_states(conn, _overdue_sql(pairs), pairs, options)


def _read_states(
    conn: sqlite3.Connection, sql: str, pairs: Pairs, options: ReportOptions
) -> list[PairState]:
    as_of, warn_days = options.as_of, options.warn_days
    states = []
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows at district scale
    parse = date.fromisoformat
    for task_id, unit, role, deadline, status, note, percent, done_since in cursor.execute(
        sql, pairs.args
    ):
        status = status or "not_started"
        done = status == "done"
        states.append(
            PairState(
                task_id,
                unit,
                role,
                parse(deadline),
                status,
                parse(done_since) if done and done_since else None,
                as_of,
                warn_days,
                note or "",
                # A percent reported on the way is not the state of finished work.
                percent if not done or percent == 100 else None,
            )
        )
    return states


def unit_order(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM units ORDER BY retired, rowid")]


def history(conn: sqlite3.Connection, task_id: str, unit: str | None = None) -> list[sqlite3.Row]:
    """Every record of a task (or one unit of it), oldest first, with its unit's name today."""
    sql = """SELECT p.*, COALESCE(u.name, p.unit) AS canonical,
                    COALESCE(tu.role, '') AS role
             FROM progress p LEFT JOIN units u ON u.key = p.unit_key
             LEFT JOIN task_units tu ON tu.task_id = p.task_id AND tu.unit_key = p.unit_key
             WHERE p.task_id = ?"""
    args: list[object] = [task_id]
    if unit is not None:
        sql += " AND p.unit_key = (SELECT key FROM units WHERE name = ?)"
        args.append(unit)
    return conn.execute(sql + " ORDER BY p.happened_on, p.recorded_at, p.id", args).fetchall()


def reporting_units(conn: sqlite3.Connection, task_id: str) -> dict[str, str]:
    """unit -> role for a task's reporting pairs."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT unit, role FROM task_units WHERE task_id = ? ORDER BY rowid", [task_id]
        )
    }


def __getattr__(name: str) -> Any:
    """NewRecord lives in store/new_records.py, loaded only by the writes that need it."""
    if name == "NewRecord":
        from maogang_cli.store.new_records import NewRecord as NewRecord

        return NewRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

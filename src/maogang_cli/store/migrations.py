"""Numbered schema migrations, recorded in the database by sqlite-utils.

Catalogue tables are derived from the YAML and may be refilled by a load. Progress tables
hold the office's evidence: migrations only ever add to them, never drop or rewrite.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "maogang"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_catalogue(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE units (
            name TEXT PRIMARY KEY, full_name TEXT NOT NULL, kind TEXT NOT NULL,
            is_group INTEGER NOT NULL, members TEXT NOT NULL, retired INTEGER NOT NULL
        );
        -- every canonical name and alias, each pointing at its canonical unit
        CREATE TABLE unit_names (name TEXT PRIMARY KEY, unit TEXT NOT NULL);
        CREATE TABLE tasks (
            id TEXT PRIMARY KEY, year INTEGER NOT NULL, seq INTEGER NOT NULL,
            action TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
            deadline TEXT NOT NULL, deadline_text TEXT NOT NULL,
            responsible TEXT NOT NULL, cooperating TEXT NOT NULL,
            responsible_etc INTEGER NOT NULL, cooperating_etc INTEGER NOT NULL,
            measures TEXT NOT NULL, milestones TEXT NOT NULL,
            source TEXT NOT NULL, retired INTEGER NOT NULL
        );
        CREATE INDEX tasks_year_seq ON tasks (year, seq);
        -- the reporting pairs: a task's responsible units (主办) and cooperating units (协办)
        CREATE TABLE task_units (
            task_id TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL,
            PRIMARY KEY (task_id, unit)
        );
        CREATE INDEX task_units_unit ON task_units (unit, role);
        """
    )


@migrations()
def m002_progress(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE progress (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id TEXT NOT NULL, unit TEXT NOT NULL, status TEXT NOT NULL,
            happened_on TEXT NOT NULL, percent INTEGER, note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'cli'
        );
        CREATE INDEX progress_pair ON progress (task_id, unit, happened_on, recorded_at, id);
        -- evidence is append-only: the database itself refuses edits and deletions
        CREATE TRIGGER progress_no_update BEFORE UPDATE ON progress
            BEGIN SELECT RAISE(ABORT, 'progress records are append-only'); END;
        CREATE TRIGGER progress_no_delete BEFORE DELETE ON progress
            BEGIN SELECT RAISE(ABORT, 'progress records are append-only'); END;
        """
    )


@migrations()
def m003_plan_and_duties(db: Database) -> None:
    db.executescript(
        """
        -- catalogue: the three-year plan (from plan_*.yaml)
        CREATE TABLE plan_targets (id TEXT PRIMARY KEY, due TEXT NOT NULL, text TEXT NOT NULL);
        CREATE TABLE plan_actions (number INTEGER PRIMARY KEY, title TEXT NOT NULL);
        CREATE TABLE plan_measures (
            number INTEGER PRIMARY KEY, action INTEGER NOT NULL, title TEXT NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE TABLE plan_milestones (
            id TEXT PRIMARY KEY, measure INTEGER NOT NULL, due TEXT NOT NULL,
            due_text TEXT NOT NULL, text TEXT NOT NULL,
            responsible TEXT NOT NULL, responsible_units TEXT NOT NULL
        );
        CREATE TABLE duties (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, frequency TEXT NOT NULL,
            due_day INTEGER, owners TEXT NOT NULL, owner_units TEXT NOT NULL,
            start TEXT NOT NULL, "end" TEXT NOT NULL, measure INTEGER, source TEXT NOT NULL
        );
        -- evidence: one row each time a duty instance (a unit's monthly report, a quarterly
        -- meeting …) is recorded as done; a later row for the same instance is a correction
        CREATE TABLE duty_records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            duty TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL,
            done_on TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'cli'
        );
        CREATE INDEX duty_records_instance ON duty_records (duty, period, unit, done_on);
        CREATE TRIGGER duty_records_no_update BEFORE UPDATE ON duty_records
            BEGIN SELECT RAISE(ABORT, 'duty records are append-only'); END;
        CREATE TRIGGER duty_records_no_delete BEFORE DELETE ON duty_records
            BEGIN SELECT RAISE(ABORT, 'duty records are append-only'); END;
        -- spreadsheets imported by `maogang import`, to refuse the same file twice
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT, file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL, rows INTEGER NOT NULL,
            recorded_by TEXT NOT NULL, imported_at TEXT NOT NULL
        );
        CREATE INDEX imports_sha256 ON imports (sha256);
        """
    )


@migrations()
def m004_progress_by_unit(db: Database) -> None:
    # Finds the records kept under a unit's old name (an alias now) without a full scan.
    db.execute("CREATE INDEX progress_unit ON progress (unit)")


@migrations()
def m005_progress_state(db: Database) -> None:
    # A pair's latest status is read from the index alone, without a row lookup per pair
    # (status and overdue at district scale); progress_pair is a prefix of it and goes.
    db.executescript(
        """
        CREATE INDEX progress_state
            ON progress (task_id, unit, happened_on, recorded_at, id, status);
        DROP INDEX progress_pair;
        """
    )


@migrations()
def m006_hazards(db: Database) -> None:
    db.executescript(
        """
        -- catalogue (hazards.yaml): the ledger's villages (属地) and sectors (行业领域),
        -- refilled on every load; `position` keeps the file's order for tables and stats
        CREATE TABLE villages (
            name TEXT PRIMARY KEY, kind TEXT NOT NULL, position INTEGER NOT NULL
        );
        CREATE TABLE sectors (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
        -- every name and alias -> canonical name, per vocabulary ('village' or 'sector')
        CREATE TABLE hazard_names (
            vocabulary TEXT NOT NULL, name TEXT NOT NULL, canonical TEXT NOT NULL,
            PRIMARY KEY (vocabulary, name)
        );
        -- evidence: one row per 重大事故隐患 as registered (上账); never edited: a mistaken
        -- hazard is voided by an event. `id` is YH-YYYY-NNNN, assigned by maogang.
        CREATE TABLE hazards (
            id TEXT PRIMARY KEY, year INTEGER NOT NULL, number INTEGER NOT NULL,
            found_on TEXT NOT NULL, source TEXT NOT NULL, level TEXT NOT NULL,
            entity TEXT NOT NULL, uscc TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '', village TEXT NOT NULL, sector TEXT NOT NULL,
            department TEXT NOT NULL, basis TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL, deadline TEXT NOT NULL,
            responsible_person TEXT NOT NULL DEFAULT '', measures TEXT NOT NULL DEFAULT '',
            funds REAL, contingency_plan TEXT NOT NULL DEFAULT '',
            match_key TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            source_file TEXT NOT NULL DEFAULT 'cli',
            UNIQUE (year, number)
        );
        CREATE INDEX hazards_match ON hazards (match_key);
        CREATE INDEX hazards_found ON hazards (found_on);
        CREATE TRIGGER hazards_no_update BEFORE UPDATE ON hazards
            BEGIN SELECT RAISE(ABORT, 'hazards are append-only'); END;
        CREATE TRIGGER hazards_no_delete BEFORE DELETE ON hazards
            BEGIN SELECT RAISE(ABORT, 'hazards are append-only'); END;
        -- evidence: each step of a hazard's life, in the order (and date order) it happened.
        -- `state` and `deadline` are the hazard's state and the deadline in force once
        -- this event took effect: a later event never changes them, so the state as of
        -- any day is the row of the hazard's last event on or before it (one index seek).
        CREATE TABLE hazard_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            hazard_id TEXT NOT NULL REFERENCES hazards (id), seq INTEGER NOT NULL,
            event TEXT NOT NULL, happened_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '', new_deadline TEXT, approved_by TEXT NOT NULL
            DEFAULT '', voids INTEGER, state TEXT NOT NULL, deadline TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'cli',
            UNIQUE (hazard_id, seq)
        );
        CREATE INDEX hazard_events_state
            ON hazard_events (hazard_id, happened_on, seq, state, deadline);
        CREATE TRIGGER hazard_events_no_update BEFORE UPDATE ON hazard_events
            BEGIN SELECT RAISE(ABORT, 'hazard events are append-only'); END;
        CREATE TRIGGER hazard_events_no_delete BEFORE DELETE ON hazard_events
            BEGIN SELECT RAISE(ABORT, 'hazard events are append-only'); END;
        """
    )


@migrations()
def m007_name_pinyin(db: Database) -> None:
    # The pinyin of each unit name and alias (store/pinyin.py), worked out once per name.
    db.execute(
        """CREATE TABLE name_pinyin (
               name TEXT PRIMARY KEY, spelling TEXT NOT NULL, initials TEXT NOT NULL
           )"""
    )
    from maogang_cli.store.pinyin import fill_pinyin

    fill_pinyin(db.conn)


@migrations()
def m008_short_names(db: Database) -> None:
    # Duties and plan milestones by a short Chinese name (调度会, 月报) as well as their id.
    db.executescript(
        """
        ALTER TABLE duties ADD COLUMN short_name TEXT;
        ALTER TABLE plan_milestones ADD COLUMN short_name TEXT;
        """
    )


@migrations()
def m009_unit_keys(db: Database) -> None:
    # A unit is its key; its name is a label. Catalogue tables get the key (refilled by the
    # load); evidence rows get a new column rather than a rewrite: what was recorded, the
    # unit's name at the time included, stays as it was, and `store.sync` fills the new
    # column of rows written before it once, from the catalogue being loaded (the append-only
    # trigger is lifted for that one UPDATE of the new column only, in the same transaction).
    db.executescript(
        """
        ALTER TABLE units ADD COLUMN key TEXT;
        ALTER TABLE unit_names ADD COLUMN key TEXT;
        ALTER TABLE task_units ADD COLUMN unit_key TEXT;
        ALTER TABLE progress ADD COLUMN unit_key TEXT;
        ALTER TABLE duty_records ADD COLUMN unit_key TEXT;
        DROP INDEX progress_state;
        DROP INDEX progress_unit;
        CREATE INDEX progress_state
            ON progress (task_id, unit_key, happened_on, recorded_at, id, status);
        DROP INDEX duty_records_instance;
        CREATE INDEX duty_records_instance ON duty_records (duty, period, unit_key, done_on);
        """
    )


@migrations()
def m010_voids(db: Database) -> None:
    # Evidence: a mistaken entry is put right by a void that names it, never by changing
    # it. `target` is the entry's id as `history` shows it (P12, D7), split into the table
    # and row it names so the live views below are one index probe per row.
    db.executescript(
        """
        CREATE TABLE voids (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            target TEXT NOT NULL, target_table TEXT NOT NULL, target_id INTEGER NOT NULL,
            reason TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'cli',
            UNIQUE (target_table, target_id)
        );
        CREATE TRIGGER voids_no_update BEFORE UPDATE ON voids
            BEGIN SELECT RAISE(ABORT, 'voids are append-only'); END;
        CREATE TRIGGER voids_no_delete BEFORE DELETE ON voids
            BEGIN SELECT RAISE(ABORT, 'voids are append-only'); END;
        -- What every figure reads: the entries no void names (domain.voids states the rule).
        CREATE VIEW progress_live AS
            SELECT * FROM progress p WHERE NOT EXISTS (
                SELECT 1 FROM voids v WHERE v.target_table = 'progress' AND v.target_id = p.id);
        CREATE VIEW duty_records_live AS
            SELECT * FROM duty_records r WHERE NOT EXISTS (
                SELECT 1 FROM voids v WHERE v.target_table = 'duty_records' AND v.target_id = r.id);
        """
    )


@migrations()
def m011_hazard_latest(db: Database) -> None:
    # Derived, not evidence: each hazard's latest event (its state and deadline in force
    # from then on), kept by a trigger on every insert into hazard_events (a hazard's
    # events come in date order, so the newest is the latest). The ledger as of a day at
    # or after that event reads it here instead of seeking the event index: at 50,000
    # hazards the statistics, targets and overdue need no seek at all for today.
    db.executescript(
        """
        CREATE TABLE hazard_latest (
            hazard_id TEXT PRIMARY KEY, happened_on TEXT NOT NULL, packed TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO hazard_latest (hazard_id, happened_on, packed)
            SELECT e.hazard_id, e.happened_on, e.happened_on || e.deadline || e.state
            FROM hazard_events e
            WHERE e.seq = (SELECT max(seq) FROM hazard_events x WHERE x.hazard_id = e.hazard_id);
        CREATE TRIGGER hazard_events_latest AFTER INSERT ON hazard_events
            BEGIN
                INSERT OR REPLACE INTO hazard_latest (hazard_id, happened_on, packed)
                VALUES (NEW.hazard_id, NEW.happened_on,
                        NEW.happened_on || NEW.deadline || NEW.state);
            END;
        """
    )


@migrations()
def m012_hazards_counting(db: Database) -> None:
    # The statistics, targets and overdue read every hazard's short columns: from this
    # index they scan a few dozen bytes a hazard instead of its whole row (descriptions,
    # measures …), and join hazard_latest by the id it holds.
    db.execute(
        "CREATE INDEX hazards_counting"
        " ON hazards (found_on, level, source, department, village, sector, id)"
    )


@migrations()
def m013_chain(db: Database) -> None:
    # Tamper-evidence (store/chain.py): every evidence entry carries its hash and the one
    # before it; `store.sync` seals the entries written before this, once. And REPLACE
    # INTO no longer rewrites an entry: an insert meeting an existing key is refused.
    from maogang_cli.store.chain import CHAINED
    from maogang_cli.store.guards import trigger_sql

    for table in CHAINED:
        db.execute(f"ALTER TABLE {table} ADD COLUMN prev_hash TEXT")
        db.execute(f"ALTER TABLE {table} ADD COLUMN hash TEXT")
        db.execute(trigger_sql(table, "INSERT"))
    db.execute(
        """CREATE TABLE chain_heads (
               tbl TEXT PRIMARY KEY, last_rowid INTEGER NOT NULL, hash TEXT NOT NULL,
               entries INTEGER NOT NULL
           )"""
    )


@migrations()
def m014_hazard_latest_columns(db: Database) -> None:
    # Derived, not evidence: the state and deadline in force of each hazard's latest event
    # as columns of their own beside `packed`. The statistics and targets compare them as
    # they are; cutting them out of `packed` with substr() cost SQLite a new string at each
    # comparison (about two thirds of `hazard targets` at 50,000 hazards).
    db.executescript(
        """
        ALTER TABLE hazard_latest ADD COLUMN deadline TEXT;
        ALTER TABLE hazard_latest ADD COLUMN state TEXT;
        UPDATE hazard_latest SET deadline = substr(packed, 11, 10), state = substr(packed, 21);
        DROP TRIGGER hazard_events_latest;
        CREATE TRIGGER hazard_events_latest AFTER INSERT ON hazard_events
            BEGIN
                INSERT OR REPLACE INTO hazard_latest
                    (hazard_id, happened_on, packed, deadline, state)
                VALUES (NEW.hazard_id, NEW.happened_on,
                        NEW.happened_on || NEW.deadline || NEW.state, NEW.deadline, NEW.state);
            END;
        """
    )


@migrations()
def m015_hazard_keys(db: Database) -> None:
    # Derived, not evidence: each name a hazard is counted under (its department, village,
    # sector, source, level and month found) gets a small number, in the order the names
    # first appear, never changed; hazard_latest.dims packs a hazard's six numbers into
    # one integer (store.hazard_ledger.KEY_GROUPS). `hazard stats` fetches that one
    # integer per hazard instead of six strings: at 50,000 hazards, fetching and counting
    # the strings was most of its time. The rules are in store/derived.py.
    from maogang_cli.store.derived import labels_select, triggers
    from maogang_cli.store.hazard_ledger import dims_sql

    fill = triggers()
    db.executescript(
        f"""
        CREATE TABLE hazard_labels (
            dimension TEXT NOT NULL, name TEXT NOT NULL, number INTEGER NOT NULL,
            PRIMARY KEY (dimension, name)
        ) WITHOUT ROWID;
        INSERT INTO hazard_labels (dimension, name, number) {labels_select()};
        {fill["hazards_labels"]};
        ALTER TABLE hazard_latest ADD COLUMN dims INTEGER;
        -- the hazards whose latest event is after a day asked for, without reading the rest
        CREATE INDEX hazard_latest_on ON hazard_latest (happened_on);
        UPDATE hazard_latest
            SET dims = (SELECT {dims_sql("h")} FROM hazards h WHERE h.id = hazard_latest.hazard_id);
        DROP TRIGGER hazard_events_latest;
        {fill["hazard_events_latest"]};
        """
    )


@migrations()
def m016_derived_guards(db: Database) -> None:
    # hazard_latest and hazard_labels are derived, yet the ledger's figures (stats,
    # targets, overdue, the chart) are read from them: a row changed by hand changed the
    # figures while every evidence table stayed sealed (tester T51). Guards now refuse any
    # write but the fill's, and the fill triggers are written again from the same rules
    # (store/derived.py) that `maogang check` recomputes the tables with.
    # Rows changed by hand before the guards existed are written again from the events
    # (tester T58): every database passes through here once.
    from maogang_cli.store.derived import rebuild, triggers

    for name, sql in triggers().items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)
    rebuild(db.conn)


MIGRATION_NAMES = tuple(m.name for m in migrations._migrations)

"""`maogang backup`'s chain ends: a table to write down, or JSON to keep elsewhere, so
that a later `check --against` (or a look at them) tells whether the newest entries
were cut and the recorded end rewritten to match."""

from typing import Any

from maogang_cli import output
from maogang_cli.app.backup import Copied
from maogang_cli.i18n import N_, _, pgettext

# Shown: enough of the hash to compare by eye (64 bits); --json gives all of it.
SHOWN_HASH = 16
_TABLES = {
    "progress": N_("progress records"),
    "duty_records": N_("duty records"),
    "voids": N_("voids"),
    "hazards": N_("hazards"),
    "hazard_events": N_("hazard events"),
}


def backup_table(copied: Copied) -> None:
    from maogang_cli.output import Column

    if not copied.ends:
        return
    columns = [
        Column(pgettext("backup", "Evidence"), no_wrap=True),
        Column(pgettext("backup", "Entries"), justify="right", no_wrap=True),
        Column(pgettext("backup", "Last"), no_wrap=True),
        Column(pgettext("backup", "Hash (first 16)"), no_wrap=True),
    ]
    rows = [
        [
            _(_TABLES[h.table]),
            str(h.entries),
            h.last or "-",
            h.hash[:SHOWN_HASH] or "-",
        ]
        for h in copied.ends
    ]
    output.print_table(
        columns,
        rows,
        title=_("The chain's end in each evidence table of the backup"),
        caption=_(
            "Write these down or keep them elsewhere: entries cut from the end later show "
            "against them (maogang check --against {path})."
        ).format(path=copied.target),
    )


def backup_json(copied: Copied) -> dict[str, Any]:
    return {
        "source": str(copied.source),
        "target": str(copied.target),
        "entries": copied.entries,
        "heads": [
            {
                "table": h.table,
                "entries": h.entries,
                "last": h.last,
                "hash": h.hash or None,
            }
            for h in copied.ends
        ],
    }

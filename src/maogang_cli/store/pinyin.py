"""Unit names by their pinyin: `--unit cyzx` or `--unit chengyun` for 城运中心.

The spelling of each name and alias is worked out once, when it first appears in a
loaded catalogue, and kept in `name_pinyin`; reading it is plain SQL. pypinyin (half a
second to import) is imported only while a catalogue with a new name is loaded.
"""

from __future__ import annotations

import sqlite3


def spellings(name: str) -> tuple[str, str]:
    """A name's pinyin without tones, and its initials: 城运中心 -> chengyunzhongxin, cyzx.
    Latin letters and digits in a name are kept; other characters are left out."""
    from pypinyin import Style, lazy_pinyin

    # Runs of other characters come back as they are ("default"), to keep or drop.
    syllables = [_plain(s) for s in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
    syllables = [s for s in syllables if s]
    initials = "".join(s if s.isdigit() else s[0] for s in syllables)
    return "".join(syllables), initials


def _plain(text: str) -> str:
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def fill_pinyin(conn: sqlite3.Connection) -> None:
    """Spell every unit name and alias not yet spelled (in the caller's transaction)."""
    new = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM unit_names WHERE name NOT IN (SELECT name FROM name_pinyin)"
        )
    ]
    if new:
        conn.executemany(
            "INSERT INTO name_pinyin (name, spelling, initials) VALUES (?, ?, ?)",
            [(name, *spellings(name)) for name in new],
        )


def looks_like_pinyin(text: str) -> bool:
    return text.isascii() and text.isalpha()


def units_spelled(conn: sqlite3.Connection, text: str) -> list[str]:
    """The units whose name or alias is spelled `text` in pinyin or initials; failing
    that, those whose spelling begins with it. Several units: the caller lists them."""
    typed = text.lower()
    base = """SELECT DISTINCT n.unit FROM unit_names n JOIN name_pinyin p ON p.name = n.name
              JOIN units u ON u.name = n.unit WHERE u.retired = 0 AND """
    order = " ORDER BY u.rowid"
    exact = conn.execute(base + "(p.spelling = ? OR p.initials = ?)" + order, [typed, typed])
    found = [r[0] for r in exact]
    if not found:
        prefix = conn.execute(
            base + "(substr(p.spelling, 1, ?) = ? OR substr(p.initials, 1, ?) = ?)" + order,
            [len(typed), typed, len(typed), typed],
        )
        found = [r[0] for r in prefix]
    return found

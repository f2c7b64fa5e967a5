"""The monthly 通报 in Markdown, for pasting into mail or a wiki: the same blocks as the
Word document, text escaped as the export's Markdown escapes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.exporters.to_md import escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maogang_cli.exporters.bulletin_text import Block

_PREFIX = {"title": "# ", "h1": "## ", "h2": "### "}


def render_markdown(blocks: Sequence[Block]) -> bytes:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "table":
            header, *rows = block.rows
            lines.append("| " + " | ".join(escape(c) for c in header) + " |")
            lines.append("|" + "|".join(" --- " for _ in header) + "|")
            lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
        elif block.kind == "note":
            lines.append(f"*{escape(block.text)}*")
        elif block.kind == "signature":
            lines.append(f'<p align="right">{escape(block.text)}</p>')
        else:
            lines.append(_PREFIX.get(block.kind, "") + escape(block.text))
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")

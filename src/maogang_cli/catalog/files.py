"""Which files make a catalogue, and their content hash. Light: no YAML is parsed here."""

from __future__ import annotations

from pathlib import Path

UNITS = "units.yaml"
# A catalogue file larger than this is refused without being read (nor hashed whole).
MAX_FILE_BYTES = 64 * 1024 * 1024
HAZARDS = "hazards.yaml"  # the hazard ledger's vocabularies: villages (属地) and sectors


def kind_of(path: Path) -> str | None:
    """'units', 'hazards', 'plan' or 'tasks' by the file's name; None for anything else."""
    name = path.name
    if not name.endswith((".yaml", ".yml")):
        return None
    stem = path.stem
    if stem in ("units", "hazards"):
        return stem
    for prefix in ("plan", "tasks"):
        if stem == prefix or stem.startswith(prefix + "_"):
            return prefix
    return None


def catalogue_files(directory: Path) -> list[Path]:
    """units.yaml, hazards.yaml, plan_*.yaml and tasks_*.yaml in a directory, in a stable
    order."""
    order = {"units": 0, "hazards": 1, "plan": 2, "tasks": 3}
    # A link that leads nowhere (dangling, looping) is listed too, so that reading it says
    # it cannot be read rather than the file being taken as absent.
    found = [p for p in directory.iterdir() if kind_of(p) and (p.is_file() or _broken_link(p))]
    return sorted(found, key=lambda p: (order[kind_of(p) or "tasks"], p.name))


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def _stat_text(path: Path) -> str:
    try:
        info = path.stat()
    except OSError as exc:  # a broken link: the loader reports it
        return f"unreadable {exc.errno}"
    # ctime too: `touch -r` can restore an edited file's mtime, never its ctime.
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def stat_signature(directory: Path) -> str:
    """Names, sizes and change times: when unchanged, the content is taken as
    unchanged without reading it (a changed signature falls back to the content hash)."""
    parts = []
    for path in catalogue_files(directory):
        parts.append(f"{path.name}:{_stat_text(path)}")
    return f"{directory.resolve()}|{'|'.join(parts)}"


def content_hash(directory: Path) -> str:
    """Changes whenever a catalogue file is added, removed, renamed or edited."""
    import hashlib

    digest = hashlib.sha256()
    for path in catalogue_files(directory):
        digest.update(path.name.encode() + b"\0")
        if _broken_link(path):  # refused by the loader
            digest.update(_stat_text(path).encode())
            continue
        info = path.stat()
        if info.st_size > MAX_FILE_BYTES:  # refused by the loader: its signature will do
            digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
            continue
        with open(path, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()

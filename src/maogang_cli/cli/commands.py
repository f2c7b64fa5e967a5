"""Which commands there are: each one's module and its line in `maogang --help`, which
of them print JSON, and which take fewer global options. cli/__init__.py assembles them."""

# Command name -> (module in maogang_cli.cli, one-line help). Only the command that runs
# is imported, so start-up stays lean; the help line is repeated here so `maogang --help`
# imports none of them (a test checks each equals its command's own help).
# Command modules skip `from __future__ import annotations`: typer reads every option from
# its annotation at each run, and a string one would be compiled and evaluated each time.
COMMANDS: dict[str, tuple[str, str]] = {
    "status": (
        "status",
        "Per-unit counts with 督办 colours (red overdue, yellow due soon), or one unit's tasks.",
    ),
    "overdue": ("overdue", "List every item not done by its deadline, most overdue first."),
    "agenda": (
        "agenda",
        "What falls due: task deadlines and steps, plan milestones, duty instances; who owes each.",
    ),
    "record": (
        "record",
        "Record progress; records are never changed: a correction is a new record.",
    ),
    "duty": ("duty", "Recurring duties of the plan: list them, record an instance as done."),
    "show": ("show", "Show a task and where each of its units stands (主办 and 协办)."),
    "history": ("history", "List every record of a task, with who recorded it and when."),
    "void": ("void", "Void a mistaken entry: every figure ignores it; history keeps it, marked."),
    "backup": ("backup", "Copy the database safely while others write, then check the copy."),
    "restore": (
        "restore",
        "Replace the database with a checked backup; the replaced one is kept beside it.",
    ),
    "check": (
        "check",
        "Verify the hash chain, the append-only guards, the schema and the file; exit 1 if not.",
    ),
    "submit": ("submit", "Record that a unit's monthly report arrived (due by {due_day})."),
    "reports": (
        "reports",
        "Grid of reporting units × months: on time, late, missing, not yet due.",
    ),
    "export": ("export", "Export the monthly report: every (task, unit) and a summary per unit."),
    "import": (
        "import_",
        "Append a spreadsheet's rows as progress records; any bad row stops all of them.",
    ),
    "hazard": (
        "hazard",
        "The hazard ledger (隐患): register, rectify, verify, close; counts, targets.",
    ),
    "rank": ("rank", "Rank units by completion, overdue, done late and on-time monthly reports."),
    "bulletin": ("bulletin", "Write the month's 通报: a .docx laid out as a 公文, or Markdown."),
    "chart": ("chart", "Write the 挂图作战 wall chart: one HTML page for an A3 sheet."),
    "tasks": ("tasks", "List the tasks with their deadlines and units."),
    "plan": (
        "plan",
        "Show the nine actions and 30 measures, each with its tasks and dated milestones.",
    ),
    "units": ("units", "List the units, their aliases, and each group's members."),
    "validate": ("validate", "Check the catalogue: YAML syntax, schema, then cross-file rules."),
    "load": ("load", "Load the catalogue into the database; progress records are never touched."),
    "schema": (
        "schema",
        "Print the JSON Schema of units.yaml, hazards.yaml, tasks_*.yaml and plan_*.yaml.",
    ),
    "completion": (
        "completion",
        "Shell completion: `maogang completion install` once, then TAB completes.",
    ),
}


# The global options (--json, --lang, --db, --data) are declared once, on the root
# callback (cli/__init__.py), and added to each command so they are accepted after it
# too. Commands printing JSON with --json (a command without JSON output refuses it):
JSON_OUTPUT = frozenset(
    {
        "backup",
        "status",
        "overdue",
        "agenda",
        "duty list",
        "show",
        "history",
        "reports",
        "rank",
        "tasks",
        "plan",
        "units",
        "hazard list",
        "hazard show",
        "hazard stats",
        "hazard targets",
    }
)
# Commands taking fewer than all of --lang, --db and --data:
FEWER_GLOBALS: dict[str, tuple[str, ...]] = {
    "validate": ("lang", "data"),
    "schema": ("lang",),
    "completion": ("lang",),
}

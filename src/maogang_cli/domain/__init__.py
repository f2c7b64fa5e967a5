"""Domain rules: dates, deadlines, states and summaries. Knows nothing of the terminal.

Its records are immutable NamedTuples rather than frozen dataclasses: defining a class
costs about 0.08 ms against about 0.7 ms for a frozen dataclass (whose methods are
generated and compiled at import), and `status` and `overdue` load some twenty of them on
a start-up budget (see bench/). Mutable accumulators elsewhere stay dataclasses.

Modules that define records on that path skip `from __future__ import annotations`:
NamedTuple compiles each string annotation into a ForwardRef, doubling its cost.
"""

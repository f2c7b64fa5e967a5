"""The use cases: one module per job. A command parses its options, calls one function
here and renders what it returns; these functions read and write through `store/` and
decide through `domain/`, and know nothing of typer or rich."""

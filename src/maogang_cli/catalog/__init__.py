"""The catalogue: YAML files validated by pydantic models and checked across files."""

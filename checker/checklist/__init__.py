"""Stage 3, the checklist: its model, reading YAML files, extends inheritance, lint, and the wording that describes elements to people. Knows nothing of reports."""

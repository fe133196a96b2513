"""One module per check type; the module name is the type a checklist declares. Each module's docstring is its documentation."""

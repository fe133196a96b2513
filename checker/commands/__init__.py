"""Subcommands of ``rolcheck``: one module each, with ``add_arguments(parser)`` and ``execute(args)``.

The CLI lists them in ``COMMANDS`` with their one-line help; a new subcommand is a new module plus
one line there. A module is imported only when its command runs, so it may import what it needs.
``execute`` returns the exit code and raises ``RolcheckError`` for anything the user can fix.
"""

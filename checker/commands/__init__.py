"""Subcommands of ``rolcheck``: one module each, with ``add_parser(subparsers)`` and ``execute(args)``.

The CLI lists them in ``COMMANDS``; a new subcommand is a new module plus one line there.
``execute`` returns the exit code and raises ``RolcheckError`` for anything the user can fix.
"""

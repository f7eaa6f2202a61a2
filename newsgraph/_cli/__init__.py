"""The command line's parts: ``_common`` (the app, options and helpers every command uses) and one module per group
of commands, each registering its commands on the app when imported (``newsgraph.cli`` imports them all)."""

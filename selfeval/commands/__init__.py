"""The bodies of selfeval's commands, one module per command, each with ``run(args, out)``
returning the exit code. `selfeval.cli` only parses arguments and imports the one module a
command needs, so no command's libraries load for another.
"""

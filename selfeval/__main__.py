"""`python -m selfeval` runs the same command as `selfeval`."""

import sys

from selfeval.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Entry script of the frozen build: the same command line as `haip-desktop`."""

import sys

from haip_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

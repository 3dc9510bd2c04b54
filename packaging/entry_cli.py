"""Entry point of the frozen command line (`commandcenter`): the same CLI as from source,
sharing the GUI executable's `_internal/` folder."""

import sys

from commandcenter.cli import main

if __name__ == "__main__":
    sys.exit(main())

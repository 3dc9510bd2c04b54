"""Entry point of the frozen desktop app (`commandcenter-gui`): ui.app.main, including
`--self-test`. A script of its own because PyInstaller needs a file, not a module name."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())

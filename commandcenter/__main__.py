import sys

from commandcenter.cli import main

sys.exit(main())

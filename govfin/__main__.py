"""``python -m govfin`` runs the command line."""

import sys

from govfin.cli import main

sys.exit(main())

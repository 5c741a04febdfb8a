"""``python -m cli``: the ``wiretrace`` command."""

import sys

from cli.commands import main

sys.exit(main())

"""``python -m ungtloft_map`` is ``ungtloft-map``."""

import sys

from .cli import main

sys.exit(main())

"""Entry point of the frozen app (PyInstaller): runs :func:`ungtloft_map.cli.main`.

``UngtLoftMap --bundle-check`` (frozen app only, not in ``--help``) prints where the bundled
files were found and exits non-zero when one is missing -- see ``installer/bundle_check.py``.
"""

import multiprocessing
import sys


def _run() -> int:
    if sys.argv[1:2] == ["--bundle-check"]:
        from bundle_check import main as bundle_check

        return bundle_check()
    from ungtloft_map.cli import main

    return main()


if __name__ == "__main__":
    # joblib/loky (via scikit-learn) may start worker processes; a frozen app must handle that.
    multiprocessing.freeze_support()
    sys.exit(_run())

"""Entry point of the frozen till: `o2o-till` (window) and `pos-app` (command line) in the bundle."""

import os
import sys

if sys.stdout is None or sys.stderr is None:  # a Windows GUI program has no console to write to
    sys.stdout = sys.stdout or open(os.devnull, "w")
    sys.stderr = sys.stderr or open(os.devnull, "w")

from pos_app.cli import main

if __name__ == "__main__":
    sys.exit(main())

import sys

from sync.reference_platform.cli import main

sys.exit(main(sys.argv[1:]))

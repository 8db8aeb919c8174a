# mlk-gdb's gdb script: `source` it (mlk-gdb does) to get the `mlk`
# commands (help mlk).  The package mlkgdb/ beside it does the work.
import os
import sys

import gdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mlkgdb.commands  # noqa: E402

gdb.execute("set confirm off")
mlkgdb.commands.install()

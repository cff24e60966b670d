"""`pos-app backup [--to FILE]` (online, while the till runs) and `pos-app restore FILE`.

A restore replaces the database, so it refuses while a till process holds the data dir, refuses
a file that is not an intact till database, and first backs up the database it replaces.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.commands.base import EXIT_OK, CliError
from pos_app.commands.base import paths as _paths
from pos_app.config import load_config


def cmd_backup(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import DB_FILENAME
    from pos_app.store import backup

    config_file, data_dir = _paths(args)
    config = load_config(config_file)
    source = data_dir / DB_FILENAME
    if args.to:
        target = backup.copy_database(source, Path(args.to))
        pruned = []
    else:
        target = backup.copy_database(source, backup.new_backup_path(data_dir, "manual"))
        pruned = backup.prune_backups(data_dir, config.backup.keep)
    print(f"Backed up {source} to {target}")
    if pruned:
        print(f"Deleted {len(pruned)} old backup(s); keeping the newest {config.backup.keep} ([backup] keep)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import DB_FILENAME, ensure_data_dir
    from pos_app.store import backup
    from pos_app.store.lock import AlreadyRunning, DataDirLock

    _, data_dir = _paths(args)
    ensure_data_dir(data_dir)
    lock = DataDirLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        raise CliError(f"cannot restore while the till runs: {exc} Nothing was changed.") from None
    try:
        source = Path(args.file)
        revision = backup.check_till_database(source)
        previous = backup.restore_database(source, data_dir / DB_FILENAME)
    finally:
        lock.release()
    print(f"Restored {source} (schema {revision}) into {data_dir / DB_FILENAME}")
    if previous:
        print(f"The database it replaced is kept as {previous}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="copy the database now (safe while the till runs)")
    backup.add_argument("--to", metavar="FILE",
                        help="write the copy here (default: <data dir>/backups/till-<UTC time>-manual.db)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="replace the database with a backup (the till must be closed)")
    restore.add_argument("file", metavar="FILE", help="a backup made by `pos-app backup`")
    restore.set_defaults(func=cmd_restore)

"""Importing a runner's history from GPX, TCX and FIT files and Strava or Garmin export archives.

Pure synchronous Python with no Discord and no database: see README.md in this folder for how the cog and
the storage layer are meant to use it.
"""

from bot.importing.archives import read_upload
from bot.importing.best_efforts import EFFORT_DISTANCES
from bot.importing.duplicates import KnownRun, split_duplicates
from bot.importing.errors import ImportRefused, LimitExceeded
from bot.importing.limits import Limits
from bot.importing.models import Activity, ArchiveContents, BestEffort, Unreadable
from bot.importing.pool import import_pool
from bot.importing.preview import ImportPreview, build_preview

__all__ = [
    "EFFORT_DISTANCES",
    "Activity",
    "ArchiveContents",
    "BestEffort",
    "ImportPreview",
    "ImportRefused",
    "KnownRun",
    "LimitExceeded",
    "Limits",
    "Unreadable",
    "build_preview",
    "import_pool",
    "read_upload",
    "split_duplicates",
]

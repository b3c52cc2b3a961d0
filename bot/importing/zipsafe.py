"""Reading a zip upload without trusting it: limits from the directory alone, entries read in memory."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

from bot.importing.errors import ImportRefused, LimitExceeded, display_name
from bot.importing.limits import Limits


@dataclass(frozen=True, slots=True)
class Job:
    """One activity file of an archive to read, with what a Strava CSV says about it."""

    archive: zipfile.ZipFile
    info: zipfile.ZipInfo
    source: str  # as shown to the member
    sport: str | None = None
    name: str | None = None


def declared_entries(data: bytes) -> int | None:
    """The entry count in the end-of-central-directory record, read before zipfile lists every entry."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, locator + 8)  # the zip64 end record holds the real count
        if data[offset : offset + 4] == b"PK\x06\x06" and offset + 40 <= len(data):
            (count,) = struct.unpack_from("<Q", data, offset + 32)
    return count


def open_zip(filename: str, data: bytes, limits: Limits) -> zipfile.ZipFile:
    declared = declared_entries(data)
    if declared is not None and declared > limits.max_entries:
        # Listing a million entries would cost memory before any limit could be checked.
        raise LimitExceeded(filename, f"the archive holds more than {limits.max_entries:,} files.")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, EOFError, ValueError, struct errors: all mean a broken archive
        raise ImportRefused(filename, "the zip archive is damaged or truncated.") from exc


def check_entry_name(filename: str, name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts or "\x00" in name:
        problem = f"the archive holds an unsafe entry name ({display_name(name)}), so it was refused."
        raise LimitExceeded(filename, problem)


@dataclass(slots=True)
class Budget:
    """What the archive (nested zips included) has declared so far, against the limits."""

    filename: str
    limits: Limits
    entries: int = 0
    uncompressed: int = 0

    def admit(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse the archive on its directory alone: count, names, declared sizes and ratios."""
        limits = self.limits
        self.entries += len(infos)
        if self.entries > limits.max_entries:
            raise LimitExceeded(self.filename, f"the archive holds more than {limits.max_entries:,} files.")
        for info in infos:
            check_entry_name(self.filename, info.filename)
            self.uncompressed += info.file_size
            size = info.file_size
            if size > limits.ratio_floor_bytes and size > limits.max_ratio * max(info.compress_size, 1):
                problem = f"{display_name(info.filename)} expands suspiciously much (a zip bomb?), so it was refused."
                raise LimitExceeded(self.filename, problem)
        if self.uncompressed > limits.max_uncompressed_bytes:
            mb = limits.max_uncompressed_bytes // 2**20
            raise LimitExceeded(self.filename, f"the archive expands to more than {mb} MB.")


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, filename: str) -> bytes:
    if info.file_size > cap:
        raise LimitExceeded(filename, f"{display_name(info.filename)} is larger than {cap // 2**20} MB.")
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) != info.file_size:  # zipfile stops at the declared size; never trust it blindly though
        raise LimitExceeded(filename, f"{display_name(info.filename)} does not match its declared size.")
    return data


def entry_problem(exc: Exception) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc).lower():
        return "the entry is password-protected."
    if isinstance(exc, NotImplementedError):
        return "the entry uses a compression method Stride cannot read."
    return "the entry is damaged in the archive (bad checksum or truncated)."

"""A guideline data folder: the files it is made of, and their fingerprints.

The loader reads every ``*.yaml`` file of the folder (readings.yaml included); the snapshot
of loaded data (snapshot.py) is keyed by the SHA-256 of exactly those files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..files import read_file

DATA_SUFFIX = ".yaml"

# One data file is never near this (the whole bundled data is about 1 MB); a larger one is
# not read.
MAX_DATA_FILE_BYTES = 16 * 1024 * 1024


def data_file_paths(folder: Path) -> list[Path]:
    """The data files of a folder, in the order they are loaded."""
    return sorted(folder.glob(f"*{DATA_SUFFIX}"))


def data_digests(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 (hex) of every data file. Raises OSError."""
    return {
        path.name: hashlib.sha256(read_file(path, limit=MAX_DATA_FILE_BYTES)).hexdigest()
        for path in data_file_paths(folder)
    }

"""The floor for files (haip_desktop/files.py): names of companions, the safe reader."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from haip_desktop.files import (
    NAME_MAX,
    FileTooLargeError,
    NotAFileError,
    atomic_write_bytes,
    read_file,
    sibling_name,
    temp_path_for,
)
from haip_desktop.oserrors import describe_os_error


def test_a_companion_name_is_the_name_and_suffix_when_it_fits() -> None:
    assert sibling_name("評価.haipeval", ".lock") == "評価.haipeval.lock"


def test_companions_of_long_names_fit_and_stay_apart(tmp_path: Path) -> None:
    one = "あ" * 82 + ".haipeval"
    two = "あ" * 81 + "い.haipeval"
    names = {sibling_name(n, s) for n in (one, two) for s in (".lock", ".bak1", ".bak5")}
    assert len(names) == 6
    assert all(len(n.encode("utf-8")) <= NAME_MAX for n in names)
    for name in (one, two):
        atomic_write_bytes(tmp_path / name, b"x")  # the temporary name fits too
        assert len(temp_path_for(tmp_path / name).name.encode("utf-8")) <= NAME_MAX
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([one, two])


# -- defect 9: the one reader looks before it reads ------------------------------------------

posix_only = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX")


def _within(seconds: float, work):  # type: ignore[no-untyped-def]
    """Run work in a thread; fail (instead of hanging the suite) if it takes longer."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still reading after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 1000)
    assert read_file(path, limit=1000) == b"x" * 1000


def test_a_file_above_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.haipeval"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 * 1024)  # 10 GB, sparse: nothing on disk
    with pytest.raises(FileTooLargeError) as caught:
        _within(5, lambda: read_file(path, limit=1024))
    assert "ファイルが大きすぎます" in describe_os_error(caught.value)
    assert "10,737,418,240 バイト" in describe_os_error(caught.value)


@posix_only
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.haipeval"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError) as caught:
        _within(5, lambda: read_file(fifo, limit=1024))
    assert "通常のファイルではなく" in describe_os_error(caught.value)


@posix_only
def test_a_link_to_a_device_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "zero.haipeval"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotAFileError):
        _within(5, lambda: read_file(link, limit=1024))


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_file(tmp_path, limit=1024)

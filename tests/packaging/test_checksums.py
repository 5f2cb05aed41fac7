"""SHA256SUMS: the same digests as sha256sum / certutil / Get-FileHash, and tampering shows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import checksums


def test_sums_list_each_file_with_its_sha256_in_sha256sum_format(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    a = tmp_path / "HAIPDesktop-0.1.0-win-amd64.zip"
    b = tmp_path / "sub" / "haip_desktop-0.1.0-py3-none-any.whl"
    a.write_bytes(b"zip bytes")
    b.write_bytes(b"wheel bytes" * 100_000)

    sums = checksums.write_sums(tmp_path, [b, a])

    assert sums.read_bytes().decode("ascii").splitlines() == [
        f"{hashlib.sha256(b'zip bytes').hexdigest()}  HAIPDesktop-0.1.0-win-amd64.zip",
        f"{hashlib.sha256(b'wheel bytes' * 100_000).hexdigest()}  sub/haip_desktop-0.1.0-py3-none-any.whl",
    ]
    assert b"\r" not in sums.read_bytes()
    assert checksums.verify_sums(sums) == []


def test_a_changed_or_missing_file_is_reported_in_japanese(tmp_path: Path) -> None:
    good = tmp_path / "setup.exe"
    gone = tmp_path / "notes.txt"
    good.write_bytes(b"original")
    gone.write_bytes(b"x")
    sums = checksums.write_sums(tmp_path, [good, gone])
    good.write_bytes(b"tampered")
    gone.unlink()

    problems = checksums.verify_sums(sums)

    assert problems == [
        "notes.txt: ファイルがありません",
        "setup.exe: SHA-256 が一致しません（改変または破損）",
    ]
    assert checksums.main(["--check", str(sums)]) == 1

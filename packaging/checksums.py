"""SHA-256 checksum lists (SHA256SUMS) for the artefacts IT staff carry to a hospital PC.

The format is the one `sha256sum -c` reads: `<64 hex digits><two spaces><file name>`, one line
per file, names relative to the list's folder, with forward slashes. On Windows the same
digest is printed by `certutil -hashfile FILE SHA256` and `Get-FileHash FILE`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

SUMS_NAME = "SHA256SUMS"
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_sums(folder: Path, files: Iterable[Path]) -> Path:
    """Write folder/SHA256SUMS for the given files (all inside folder); return its path."""
    lines = []
    for file in sorted(set(files)):
        relative = file.resolve().relative_to(folder.resolve()).as_posix()
        lines.append(f"{sha256_of(file)}  {relative}\n")
    target = folder / SUMS_NAME
    target.write_text("".join(lines), encoding="ascii", newline="\n")
    return target


def read_sums(sums_file: Path) -> dict[str, str]:
    """File name -> expected digest, from a SHA256SUMS file."""
    expected: dict[str, str] = {}
    for number, line in enumerate(sums_file.read_text(encoding="ascii").splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise ValueError(f"{sums_file}:{number}: not a SHA256SUMS line: {line!r}")
        expected[name.removeprefix("*")] = digest.lower()
    return expected


def verify_sums(sums_file: Path) -> list[str]:
    """Problems found when checking every file listed (empty when all match)."""
    folder = sums_file.parent
    problems = []
    for name, digest in read_sums(sums_file).items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: ファイルがありません")
        elif sha256_of(path) != digest:
            problems.append(f"{name}: SHA-256 が一致しません（改変または破損）")
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python packaging/checksums.py --check DIR/SHA256SUMS` or `… --write DIR FILE…`."""
    import argparse

    parser = argparse.ArgumentParser(description="SHA256SUMS を作成・検証する")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", type=Path, metavar="SUMS", help="一覧のファイルを検証する")
    group.add_argument("--write", type=Path, metavar="DIR", help="DIR に SHA256SUMS を作る")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.check:
        problems = verify_sums(args.check)
        for problem in problems:
            print(problem)
        print("OK: すべて一致しました" if not problems else f"NG: {len(problems)} 件")
        return 1 if problems else 0
    files = args.files or [p for p in args.write.iterdir() if p.is_file() and p.name != SUMS_NAME]
    print(write_sums(args.write, files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

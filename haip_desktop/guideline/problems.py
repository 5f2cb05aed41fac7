"""Problems found in guideline data, each pointing at a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Where:
    file: Path
    path: tuple[str | int, ...] | None = None  # YAML path, e.g. ("use_cases", 3, "summary")
    item_id: str | None = None
    line: int | None = None

    def below(self, *steps: str | int) -> tuple[str | int, ...]:
        """The YAML path of a field inside this place (inside the file when it has no path)."""
        return (*(self.path or ()), *steps)

    @property
    def field(self) -> str:
        """The field name for people: the path after the section and the item index."""
        if not self.path:
            return ""
        rest = [str(p) for p in self.path[2:]] if len(self.path) > 2 else []
        return ".".join(rest)


@dataclass
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        # A data file is named by its name (they all sit in one folder); a folder by its path.
        file = self.where.file
        location = file.name if file.suffix == ".yaml" else str(file)
        if self.where.line is not None:
            location += f":{self.where.line}"
        subject = []
        if self.where.item_id:
            subject.append(self.where.item_id)
        if self.where.field:
            subject.append(f"項目 {self.where.field}")
        prefix = f"{location}: " + (" の ".join(subject) + ": " if subject else "")
        return prefix + self.message


class GuidelineDataError(Exception):
    """Guideline data could not be loaded; the message lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"ガイドラインデータに {len(problems)} 件の問題があります:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))

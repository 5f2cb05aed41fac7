"""The one exception an assessment file raises, with a message for people in Japanese.

The message says what is wrong, where (field or line and column), and what to do. The
technical detail stays in attributes and in ``__cause__`` for the log.
"""

from __future__ import annotations

from pathlib import Path


class AssessmentFileError(Exception):
    """An assessment file could not be read, or must not be written.

    Attributes:
        path: the file concerned.
        reason: a short code for programs and tests, one of
            ``not_found``, ``is_folder`` (a folder, not a file), ``not_a_file`` (a pipe or a
            device), ``too_large`` (above store.MAX_FILE_BYTES, not read), ``unreadable``
            (OS error), ``empty``, ``not_text``, ``json_syntax``, ``duplicate_key`` (a key
            twice in one object),
            ``wrong_shape``, ``invalid_value``, ``newer_schema``, ``migration``,
            ``unwritable_text`` (text no UTF-8 file can hold: refused on load and on save),
            ``target_unreadable`` (save refused: the file there cannot be read),
            ``target_newer`` (save refused: the file there is from a newer app),
            ``write_failed``.
        problem: what is wrong, one or more lines in Japanese.
        location: where (``"12 行 5 列目"`` or a field path such as ``"回答 C-01 › 状況"``), or "".
        advice: what the person can do, in Japanese.
        line, column: 1-based position of a JSON syntax or encoding error, else None.
        fields: the field paths with problems (as shown in ``location``).
        detail: technical detail for the log (English, from the underlying library).
    """

    def __init__(
        self,
        path: str | Path,
        reason: str,
        problem: str,
        *,
        advice: str,
        location: str = "",
        line: int | None = None,
        column: int | None = None,
        fields: list[str] | None = None,
        detail: str = "",
        heading: str = "評価ファイルを開けません",
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.problem = problem
        self.location = location
        self.advice = advice
        self.line = line
        self.column = column
        self.fields = fields or []
        self.detail = detail
        self.heading = heading
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = [f"{self.heading}: {self.path}", self.problem]
        if self.location:
            lines.append(f"場所: {self.location}")
        lines.append(self.advice)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message

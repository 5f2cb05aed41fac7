"""Load a guideline data folder: parse YAML, validate each item, then check across files.

Any number of ``*.yaml`` files; each file's top-level keys say what it holds
(``guideline``, ``use_cases``, ``risk_categories``, ``risks``, ``countermeasures``, ``flows``,
``scenes``, ``references``; ``readings``, generated, for search by reading). Every problem
found is collected, so one run of ``check-data`` lists them all, each with file, line and field.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from ..files import is_folder, read_file, stat_problem
from ..oserrors import describe_os_error
from ..paths import bundled_guideline_dir
from .checks import check_guideline
from .data_folder import MAX_DATA_FILE_BYTES, data_file_paths
from .guideline import Guideline
from .models import (
    Countermeasure,
    Flow,
    GuidelineInfo,
    Reference,
    Risk,
    RiskCategory,
    UseCase,
    UseScene,
)
from .problems import GuidelineDataError, Problem, Where
from .readings import READINGS_KEY, Readings, parse_readings

try:  # the C parser is several times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    # the pure-Python class in place of the C one: the same interface, another class to mypy
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# YAML folds a line break inside a paragraph into a space. Japanese has no spaces between
# words, so a space that folding put between two Japanese characters is taken out again.
_FOLDED_JAPANESE_SPACE = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)


class SafeLoader(_BaseLoader):
    """Safe loading, with folded Japanese paragraphs joined without stray spaces."""


def _construct_text(loader: SafeLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    if node.style != "|" and " " in value:
        value = _FOLDED_JAPANESE_SPACE.sub("", value)
    return value


SafeLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)

LIST_SECTIONS: dict[str, type[Any]] = {
    "use_cases": UseCase,
    "risk_categories": RiskCategory,
    "risks": Risk,
    "countermeasures": Countermeasure,
    "flows": Flow,
    "scenes": UseScene,
    "references": Reference,
}

PYDANTIC_MESSAGES_JA = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "未知の項目です（綴りを確認してください）",
    "unexpected_keyword_argument": "未知の項目です（綴りを確認してください）",
    "string_too_short": "空です",
    "string_type": "文字列である必要があります",
    "too_short": "少なくとも1つ必要です",
    "list_type": "リストである必要があります",
    "enum": "使えない値です",
    "literal_error": "使えない値です",
    "int_parsing": "整数である必要があります",
    "int_type": "整数である必要があります",
    "bool_type": "true または false である必要があります",
    "bool_parsing": "true または false である必要があります",
    "date_from_datetime_parsing": "日付 (YYYY-MM-DD) である必要があります",
    "date_parsing": "日付 (YYYY-MM-DD) である必要があります",
    "date_type": "日付 (YYYY-MM-DD) である必要があります",
    "model_type": "項目の集まり（マッピング）である必要があります",
    "dataclass_type": "項目の集まり（マッピング）である必要があります",
    "dataclass_args_type": "項目の集まり（マッピング）である必要があります",
    "greater_than_equal": "値が小さすぎます",
}


@dataclass
class _Collected:
    info: GuidelineInfo | None = None
    lists: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in LIST_SECTIONS})
    readings: dict[str, str] = field(default_factory=dict)
    # id -> where the item was written, so cross-file checks can point at a line
    where: dict[str, Where] = field(default_factory=dict)
    # ids of items that failed validation: not reported again as unknown references
    invalid_ids: set[str] = field(default_factory=set)
    # A file that could not be read at all hides what it held: cross-file checks would only
    # repeat that one problem as hundreds of missing references.
    unreadable_files: bool = False


def load_guideline(path: str | Path | None = None) -> Guideline:
    """Load and validate a guideline data folder (the bundled one when no path is given).

    Raises GuidelineDataError listing every problem found.
    """
    folder = Path(path) if path is not None else bundled_guideline_dir()
    problems: list[Problem] = []
    collected = _Collected()
    files = data_file_paths(folder) if is_folder(folder) else []
    if not is_folder(folder):
        problem = stat_problem(folder)
        if problem is None:
            what = "ファイルです"
        elif isinstance(problem, FileNotFoundError):
            what = "見つかりません"
        else:
            what = f"開けません: {describe_os_error(problem)}"
        raise GuidelineDataError(
            [
                Problem(
                    Where(folder),
                    f"ガイドラインデータのフォルダではありません（{what}）。"
                    "YAML ファイルの入ったフォルダを指定してください",
                )
            ]
        )
    if not files:
        raise GuidelineDataError(
            [Problem(Where(folder), "YAML ファイル（*.yaml）が1つもありません")]
        )

    for file in files:
        _load_file(file, collected, problems)

    if collected.info is None:
        problems.append(Problem(Where(folder), "guideline（ガイドラインの基本情報）がありません"))
        raise GuidelineDataError(_with_lines(problems))

    if collected.unreadable_files:
        raise GuidelineDataError(_with_lines(problems))
    guideline = Guideline(
        info=collected.info,
        source_dir=folder,
        readings=Readings(collected.readings),
        **collected.lists,
    )
    # Cross-file checks run even when some items were invalid, so one run lists everything.
    problems += check_guideline(
        guideline,
        collected.where,
        invalid_ids=frozenset(collected.invalid_ids),
        check_coverage=not problems,
    )
    if problems:
        raise GuidelineDataError(_with_lines(problems))
    return guideline


def _load_file(file: Path, collected: _Collected, problems: list[Problem]) -> None:
    try:
        text = read_file(file, limit=MAX_DATA_FILE_BYTES).decode("utf-8")
    except OSError as exc:
        problems.append(Problem(Where(file), f"読み込めません（{describe_os_error(exc)}）"))
        collected.unreadable_files = True
        return
    except UnicodeDecodeError as exc:
        problems.append(Problem(Where(file), f"読み込めません（UTF-8 のテキストですか）: {exc}"))
        collected.unreadable_files = True
        return
    try:
        alias = _first_anchor_or_alias(text)
        if alias is not None:
            problems.append(Problem(Where(file, line=alias), ANCHORS_REFUSED))
            collected.unreadable_files = True
            return
        document = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(Where(file, line=line), f"YAML の書式エラー: {reason}"))
        collected.unreadable_files = True
        return
    if document is None:
        return
    if not isinstance(document, dict):
        problems.append(Problem(Where(file, path=()), "最上位はマッピングである必要があります"))
        collected.unreadable_files = True
        return
    for key, value in document.items():
        if key == "guideline":
            info = _validate(GuidelineInfo, value, Where(file, path=("guideline",)), problems)
            if info is not None:
                if collected.info is not None:
                    problems.append(
                        Problem(Where(file, path=("guideline",)), "guideline が複数あります")
                    )
                collected.info = info
        elif key in LIST_SECTIONS:
            if not isinstance(value, list):
                problems.append(Problem(Where(file, path=(key,)), "リストである必要があります"))
                continue
            model = LIST_SECTIONS[key]
            for index, raw in enumerate(value):
                where = Where(file, path=(key, index), item_id=_raw_id(raw))
                item = _validate(model, raw, where, problems)
                if item is None:
                    collected.invalid_ids.update(_raw_ids(raw))
                    continue
                collected.lists[key].append(item)
                _remember(collected, item, where, problems)
        elif key == READINGS_KEY:
            _load_readings(file, value, collected, problems)
        else:
            known = ", ".join(["guideline", *LIST_SECTIONS, READINGS_KEY])
            problems.append(
                Problem(Where(file, path=(key,)), f"未知の区分 '{key}' です（使えるもの: {known}）")
            )


def _load_readings(file: Path, value: Any, collected: _Collected, problems: list[Problem]) -> None:
    """The readings block: one "surface reading" line per word (see readings.py)."""
    if not isinstance(value, str):
        problems.append(
            Problem(
                Where(file, path=(READINGS_KEY,)),
                "「語 読み」を1行ずつ書いたブロック（readings: |）である必要があります",
            )
        )
        return
    readings, errors = parse_readings(value)
    for error in errors:
        problems.append(Problem(Where(file, path=(READINGS_KEY, error.index)), error.message))
    for surface, reading in readings.items():
        if collected.readings.setdefault(surface, reading) != reading:
            problems.append(
                Problem(Where(file, path=(READINGS_KEY,)), f"語 '{surface}' の読みが複数あります")
            )


ANCHORS_REFUSED = (
    "YAML のアンカー（&）や別名（*）は使えません。同じ内容を何度も展開させてメモリを使い尽くす"
    "ことができるため、ガイドラインデータでは禁止しています。内容をそのまま書いてください"
)


def _first_anchor_or_alias(text: str) -> int | None:
    """The 1-based line of the first anchor or alias, read from the parser's events before
    anything is built (an alias repeated thousands of times is cheap to parse and huge once
    expanded). Data without a & or * cannot hold one and is not scanned."""
    if "&" not in text and "*" not in text:
        return None
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark  # the parser marks every event it reports
            return mark.line + 1 if mark is not None else 1
    return None


def _remember(collected: _Collected, item: Any, where: Where, problems: list[Problem]) -> None:
    entries = [(item.id, where)]
    if isinstance(item, Flow):
        entries += [
            (s.id, Where(where.file, where.below("steps", i), s.id))
            for i, s in enumerate(item.steps)
        ]
    for item_id, item_where in entries:
        first = collected.where.get(item_id)
        if first is not None:
            problems.append(
                Problem(
                    Where(item_where.file, item_where.below("id"), item_id),
                    f"id '{item_id}' が重複しています（最初の定義: {first.file.name}）",
                )
            )
        else:
            collected.where[item_id] = item_where


def _raw_ids(raw: Any) -> list[str]:
    """The id of an invalid item and, for a flow, of its steps."""
    ids = [i for i in [_raw_id(raw)] if i]
    if isinstance(raw, dict) and isinstance(raw.get("steps"), list):
        ids += [i for i in map(_raw_id, raw["steps"]) if i]
    return ids


def _raw_id(raw: Any) -> str | None:
    found = raw.get("id") if isinstance(raw, dict) else None
    return found if isinstance(found, str) else None


_Item = TypeVar("_Item")


@functools.cache
def item_adapter(model: type[Any]) -> TypeAdapter[Any]:
    """pydantic's validator for one kind of item (models.py holds the rules)."""
    return TypeAdapter(model)


def _validate(model: type[_Item], raw: Any, where: Where, problems: list[Problem]) -> _Item | None:
    try:
        # A class is hashable; mypy reads type[X] against Hashable wrongly (python/mypy#11470).
        adapter: TypeAdapter[_Item] = item_adapter(model)  # type: ignore[arg-type]
        return adapter.validate_python(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = PYDANTIC_MESSAGES_JA.get(error["type"], error["msg"])
            if error["type"] in ("enum", "literal_error"):
                expected = error.get("ctx", {}).get("expected")
                if expected:
                    message += f"（使える値: {expected}）"
            problems.append(Problem(Where(where.file, where.below(*loc), where.item_id), message))
        return None


def _with_lines(problems: list[Problem]) -> list[Problem]:
    """Fill in line numbers. Composing node trees is slow, so it is done only on failure."""
    trees: dict[Path, yaml.Node | None] = {}
    for problem in problems:
        where = problem.where
        if where.line is not None or where.path is None or not where.file.is_file():
            continue
        if where.file not in trees:
            try:
                text = read_file(where.file, limit=MAX_DATA_FILE_BYTES).decode("utf-8")
                trees[where.file] = yaml.compose(text, Loader=SafeLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                trees[where.file] = None
        where.line = _line_of(trees[where.file], where.path)
    return problems


def _line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest node along path that exists."""
    if node is None:
        return None
    line: int = node.start_mark.line + 1
    for step in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    child, line = value, key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            child = node.value[step]
            line = child.start_mark.line + 1
        elif isinstance(node, yaml.ScalarNode) and node.style == "|" and isinstance(step, int):
            return line + 1 + step  # a line inside a block of text (the readings)
        if child is None:
            break
        node = child
    return line

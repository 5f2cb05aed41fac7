"""グループ集計: many facilities' assessment files side by side, without any server.

Each file is read once (either schema: the store migrates an older one). What an
assessment's scope and tool register select (scope.items_in_scope, grouped by part, use case,
risk category and step) is computed once per distinct scope and register, so a group of
hundreds of files is counted in well under a second. The numbers are the same as the
single-facility report's (scoring.py): the same items, the same formulas. A facility is
compared only on the parts and steps in its own scope: a pharmacy has no figure for 入院受付.

Files of one facility (same name and kind) at different dates: the latest counts, the
others make its trend. Files made against other data versions are compared on the
countermeasures all versions share, and the summary says so. A file that cannot be read is
listed with the reason and the rest of the group is still counted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import stat
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from ..files import is_folder, read_file
from ..guideline import Countermeasure, Guideline
from ..oserrors import NOT_A_FILE, describe_os_error
from .errors import AssessmentFileError
from .history import aware
from .models import Assessment, FacilityKind, Status
from .parts import PARTS, Part
from .scope import answering_tools, items_in_scope, steps_in_scope, use_cases_in_scope
from .scoring import Tally
from .store import ASSESSMENT_SUFFIXES, MAX_FILE_BYTES, parse_assessment

log = logging.getLogger(__name__)

FacilityKey = tuple[str, FacilityKind]


@dataclass(frozen=True)
class UnreadableFile:
    path: Path
    reason: str  # Japanese, for people


@dataclass(frozen=True)
class FacilityResult:
    """One assessment file, counted."""

    path: Path
    name: str
    kind: FacilityKind
    assessment_date: dt.date
    updated_at: dt.datetime
    data_version: str
    overall: Tally
    by_part: dict[Part, Tally]  # the parts with items in scope
    by_use_case: dict[str, Tally]
    by_risk_category: dict[str, Tally]
    by_step: dict[str, Tally]  # 現場の手順 at the steps in scope
    missing: tuple[str, ...]  # countermeasures in scope and 未実施 or 未回答 (for any tool)
    partial: tuple[str, ...]  # in scope and 一部実施 (and for no tool missing)
    in_scope: tuple[str, ...]  # countermeasure ids, each once

    @property
    def key(self) -> FacilityKey:
        return (self.name, self.kind)


@dataclass(frozen=True)
class MissingCountermeasure:
    countermeasure_id: str
    title: str
    missing: int  # facilities where it is 未実施 or 未回答
    partial: int  # facilities where it is 一部実施
    in_scope: int  # facilities where it is in scope


@dataclass
class GroupSummary:
    data_version: str  # the guideline data the group is counted against
    facilities: list[FacilityResult]  # the latest file of each facility
    trends: dict[FacilityKey, list[FacilityResult]]  # facilities with several files, oldest first
    unreadable: list[UnreadableFile]
    versions: Counter[str]  # data version -> number of facilities (latest files)
    files_read: int = 0
    shared_only: bool = False  # counted on the countermeasures all versions share
    shared_count: int = 0
    unknown_versions: list[str] = field(default_factory=list)
    use_case_ids: list[str] = field(default_factory=list)
    risk_category_ids: list[str] = field(default_factory=list)
    step_ids: list[str] = field(default_factory=list)
    _missing: list[MissingCountermeasure] = field(default_factory=list)

    def total(self) -> Tally:
        return sum((f.overall for f in self.facilities), Tally())

    def totals(self, axis: str) -> dict[str, Tally]:
        """Group totals per part ('part'), use case ('use_case'), risk category
        ('risk_category') or step ('step'), over the facilities that have it in scope."""
        result: dict[str, Tally] = {}
        for facility in self.facilities:
            for key, t in getattr(facility, f"by_{axis}").items():
                result[key] = result.get(key, Tally()) + t
        return result

    def most_missing(self, limit: int = 20) -> list[MissingCountermeasure]:
        """Countermeasures not in place at the most facilities (未実施・未回答, then 一部実施)."""
        return self._missing[:limit]

    def version_note(self) -> str | None:
        """What people must know when the files were made against different data versions."""
        if len(self.versions) <= 1 and not self.unknown_versions:
            return None
        listed = "、".join(f"{v}（{n} 施設）" for v, n in sorted(self.versions.items()))
        note = f"異なるガイドラインデータ版で作られた評価が含まれています: {listed}。"
        if self.shared_only:
            note += f"すべての版に共通する {self.shared_count} 件の対策だけで比べています。"
        if self.unknown_versions:
            note += (
                f"データ版 {'、'.join(self.unknown_versions)} のデータがこのPCにないため、"
                f"その版との共通の対策を確かめられません（データ版 {self.data_version} の"
                "対策で数えています）。"
            )
        return note


ItemKey = tuple[str, str | None]  # (countermeasure id, tool id or None)
# What selects the items: whole scope or not, use cases, steps, the answering tools' steps.
ScopeKey = tuple[bool, frozenset[str], frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]


class _Relations:
    """What each distinct scope and tool register selects, computed once per group."""

    def __init__(self, g: Guideline) -> None:
        self.g = g
        self.order = {cm.id: i for i, cm in enumerate(g.countermeasures)}
        self._scopes: dict[ScopeKey, _ScopeGroups] = {}

    def groups_for(self, a: Assessment, shared: frozenset[str] | None) -> _ScopeGroups:
        tools = tuple((t.id, tuple(t.steps)) for t in answering_tools(a))
        key = (a.scope.all, frozenset(a.scope.use_cases), frozenset(a.scope.steps), tools)
        cached = self._scopes.get(key)
        if cached is None:
            cached = self._scopes[key] = self._compute(a, shared)
        return cached

    def _compute(self, a: Assessment, shared: frozenset[str] | None) -> _ScopeGroups:
        items = items_in_scope(a, self.g)
        if shared is not None:
            items = [i for i in items if i.countermeasure_id in shared]
        # (key, countermeasure) of each item, once: every grouping below walks them all
        keyed = [(i.key, i.countermeasure) for i in items]
        by_part = {
            part: [key for key, cm in keyed if cm.level is part]
            for part in PARTS
            if any(cm.level is part for _, cm in keyed)
        }
        by_uc = _grouped(keyed, [uc.id for uc in use_cases_in_scope(a, self.g)], "use_cases")
        by_rc = _grouped(keyed, [rc.id for rc in self.g.risk_categories], "risk_categories")
        step_items = [(key, cm) for key, cm in keyed if cm.level is Part.STEP]
        by_step = _grouped(step_items, steps_in_scope(a, self.g), "steps")
        return _ScopeGroups(
            in_scope=tuple(key for key, _ in keyed),
            by_part=by_part,
            by_use_case=by_uc,
            by_risk_category={k: v for k, v in by_rc.items() if v},
            by_step={k: v for k, v in by_step.items() if v},
        )


def _grouped(
    keyed: list[tuple[ItemKey, Countermeasure]], groups: Iterable[str], attribute: str
) -> dict[str, list[ItemKey]]:
    """group id -> the keys, in item order, of the items whose ``attribute`` (a list of ids)
    names it; every group given, empty or not, in the order given."""
    found: dict[str, list[ItemKey]] = {group: [] for group in groups}
    for key, cm in keyed:
        for group in getattr(cm, attribute):
            keys = found.get(group)
            if keys is not None and (not keys or keys[-1] != key):  # (an id listed twice)
                keys.append(key)
    return found


@dataclass(frozen=True)
class _ScopeGroups:
    in_scope: tuple[ItemKey, ...]
    by_part: dict[Part, list[ItemKey]]
    by_use_case: dict[str, list[ItemKey]]
    by_risk_category: dict[str, list[ItemKey]]
    by_step: dict[str, list[ItemKey]]


_FIELD = {
    Status.DONE: 1,
    Status.PARTIAL: 2,
    Status.NOT_DONE: 3,
    Status.NOT_APPLICABLE: 4,
    Status.UNANSWERED: 5,
}


def _tally(field_of: dict[ItemKey, int], keys: list[ItemKey] | tuple[ItemKey, ...]) -> Tally:
    """field_of: item key -> index of its status in Tally's fields (see _FIELD)."""
    # counted in C (Counter over map): a group of 300 files counts about 500,000 keys
    counts = Counter(map(field_of.get, keys, repeat(_FIELD[Status.UNANSWERED])))
    return Tally(len(keys), counts[1], counts[2], counts[3], counts[4], counts[5])


@dataclass(frozen=True)
class FolderScan:
    """What a folder holds for a group: the assessment files, and what was left out and why."""

    files: list[Path]
    skipped: list[UnreadableFile]


def scan_folder(folder: str | Path) -> FolderScan:
    """The assessment files (*.haipeval, and *.json of older versions) in a folder and its
    subfolders, hidden ones left out (backups live in .haip-backup).

    A link to a file is read like the file. Said, with the reason, instead of being passed
    over: an assessment-named entry that is no file (a pipe, a device, a folder, a link to
    nothing) and a link to a folder (not followed: it could lead round in a circle).
    """
    files: list[Path] = []
    skipped: list[UnreadableFile] = []
    _scan(Path(folder), files, skipped)
    return FolderScan(sorted(files), sorted(skipped, key=lambda u: u.path))


def _scan(folder: Path, files: list[Path], skipped: list[UnreadableFile]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        skipped.append(UnreadableFile(folder, f"フォルダを開けません（{describe_os_error(exc)}）"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        named = path.suffix.lower() in ASSESSMENT_SUFFIXES
        is_link = False
        try:
            is_link = entry.is_symlink()
            mode = os.stat(path).st_mode if is_link else entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            if named or not isinstance(exc, FileNotFoundError):
                what = "リンク先が見つかりません" if is_link else "ファイルを調べられません"
                skipped.append(UnreadableFile(path, f"{what}（{describe_os_error(exc)}）"))
            continue
        if stat.S_ISDIR(mode):
            if is_link:
                skipped.append(UnreadableFile(path, "フォルダへのリンクのため、中は探していません"))
                continue
            if named:
                skipped.append(
                    UnreadableFile(
                        path, "評価ファイルの名前ですがフォルダです（中のファイルは探しました）"
                    )
                )
            _scan(path, files, skipped)
        elif named and stat.S_ISREG(mode):
            files.append(path)
        elif named:
            skipped.append(UnreadableFile(path, NOT_A_FILE))


def assessment_files(folder: str | Path) -> list[Path]:
    """The assessment files of a folder and its subfolders (see scan_folder)."""
    return scan_folder(folder).files


def load_group(
    sources: str | Path | Iterable[str | Path],
    guideline: Guideline,
    *,
    guideline_for_version: Callable[[str], Guideline | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    skipped: Iterable[UnreadableFile] = (),
) -> GroupSummary:
    """Count folders (each searched recursively, see scan_folder) and assessment files.

    What a folder scan leaves out is listed with the unreadable files, with the reason
    (``skipped``: what a scan made by the caller left out).

    ``guideline_for_version`` finds the data of another data version (default: the bundled
    data and the installed packs), to compare on shared countermeasures. ``progress(done,
    total)`` is called as the files are read (for a progress bar).
    """
    with _collector_paused():
        return _load_group(sources, guideline, guideline_for_version, progress, skipped)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a group is read: every file read adds
    thousands of objects that live until the group is counted, and each pass of the collector
    walked all of them again (a quarter of the time for 300 files). Nothing read makes cycles;
    what there is to collect is collected when it resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_group(
    sources: str | Path | Iterable[str | Path],
    guideline: Guideline,
    guideline_for_version: Callable[[str], Guideline | None] | None,
    progress: Callable[[int, int], None] | None,
    skipped: Iterable[UnreadableFile],
) -> GroupSummary:
    given = [Path(sources)] if isinstance(sources, str | Path) else [Path(p) for p in sources]
    paths: list[Path] = []
    unreadable: list[UnreadableFile] = list(skipped)
    for source in given:
        if is_folder(source):
            scan = scan_folder(source)
            paths += scan.files
            unreadable += scan.skipped
        else:
            paths.append(source)

    loaded: list[tuple[Path, Assessment]] = []
    for number, path in enumerate(paths):
        if progress is not None:
            progress(number, len(paths))
        try:
            a = parse_assessment(read_file(path, limit=MAX_FILE_BYTES), path)
        except AssessmentFileError as exc:
            said = not exc.location or exc.location in exc.problem
            where = "" if said else f"（場所: {exc.location}）"
            unreadable.append(UnreadableFile(path, f"{exc.problem}{where}"))
            continue
        except OSError as exc:
            unreadable.append(
                UnreadableFile(path, f"ファイルを読み込めません（{describe_os_error(exc)}）")
            )
            continue
        except Exception as exc:  # one bad file never stops the group
            log.exception("Unexpected error reading %s", path)
            unreadable.append(UnreadableFile(path, f"読み込み中に予期しないエラー: {exc}"))
            continue
        if a.guideline.id != guideline.id:
            unreadable.append(
                UnreadableFile(
                    path,
                    f"別のガイドライン（{a.guideline.id}）に対する評価のため集計に含めません",
                )
            )
            continue
        loaded.append((path, a))
    if progress is not None:
        progress(len(paths), len(paths))

    # The latest file of each facility; the others make its trend.
    by_facility: dict[FacilityKey, list[tuple[Path, Assessment]]] = defaultdict(list)
    for path, a in loaded:
        by_facility[(a.facility.name.strip(), a.facility.kind)].append((path, a))
    for entries in by_facility.values():
        entries.sort(key=lambda e: (e[1].assessment_date, aware(e[1].updated_at)))
    latest_versions = Counter(
        entries[-1][1].guideline.data_version for entries in by_facility.values()
    )

    shared, unknown = _shared_ids(latest_versions, guideline, guideline_for_version)
    relations = _Relations(guideline)
    results: dict[FacilityKey, list[FacilityResult]] = {}
    for key, entries in by_facility.items():
        results[key] = [_count(path, a, relations, shared) for path, a in entries]

    summary = GroupSummary(
        data_version=guideline.data_version,
        facilities=sorted((r[-1] for r in results.values()), key=_facility_order),
        trends={k: v for k, v in results.items() if len(v) > 1},
        unreadable=unreadable,
        versions=latest_versions,
        files_read=len(loaded),
        shared_only=shared is not None,
        shared_count=len(shared) if shared is not None else len(guideline.countermeasures),
        unknown_versions=unknown,
        use_case_ids=[uc.id for uc in guideline.use_cases],
        risk_category_ids=[rc.id for rc in guideline.risk_categories],
        step_ids=[s.id for s in guideline.steps],
    )
    summary._missing = _most_missing(summary.facilities, guideline, relations.order)
    return summary


def _count(
    path: Path, a: Assessment, relations: _Relations, shared: frozenset[str] | None
) -> FacilityResult:
    groups = relations.groups_for(a, shared)
    statuses: dict[ItemKey, Status] = {
        (cm_id, None): answer.status for cm_id, answer in a.answers.items()
    }
    for tool_id, answers in a.tool_answers.items():
        statuses.update(((cm_id, tool_id), answer.status) for cm_id, answer in answers.items())
    field_of = {key: _FIELD[status] for key, status in statuses.items()}
    missing: dict[str, None] = {}
    partial: dict[str, None] = {}
    in_scope: dict[str, None] = {}
    for key in groups.in_scope:
        in_scope[key[0]] = None
        status = statuses.get(key, Status.UNANSWERED)
        if status is Status.NOT_DONE or status is Status.UNANSWERED:
            missing[key[0]] = None
        elif status is Status.PARTIAL:
            partial[key[0]] = None
    return FacilityResult(
        path=path,
        name=a.facility.name.strip(),
        kind=a.facility.kind,
        assessment_date=a.assessment_date,
        updated_at=a.updated_at,
        data_version=a.guideline.data_version,
        overall=_tally(field_of, groups.in_scope),
        by_part={k: _tally(field_of, v) for k, v in groups.by_part.items()},
        by_use_case={k: _tally(field_of, v) for k, v in groups.by_use_case.items()},
        by_risk_category={k: _tally(field_of, v) for k, v in groups.by_risk_category.items()},
        by_step={k: _tally(field_of, v) for k, v in groups.by_step.items()},
        missing=tuple(missing),
        partial=tuple(c for c in partial if c not in missing),
        in_scope=tuple(in_scope),
    )


def _shared_ids(
    versions: Counter[str],
    guideline: Guideline,
    guideline_for_version: Callable[[str], Guideline | None] | None,
) -> tuple[frozenset[str] | None, list[str]]:
    others = sorted(v for v in versions if v != guideline.data_version)
    if not others:
        return None, []
    find = guideline_for_version or _installed_guideline_for_version
    shared = {cm.id for cm in guideline.countermeasures}
    unknown = []
    restricted = False
    for version in others:
        other = find(version)
        if other is None:
            unknown.append(version)
            continue
        shared &= {cm.id for cm in other.countermeasures}
        restricted = True
    return (frozenset(shared) if restricted else None), unknown


def _installed_guideline_for_version(data_version: str) -> Guideline | None:
    from ..guideline.packs import guideline_for_version as installed

    return installed(data_version)


def _most_missing(
    facilities: list[FacilityResult], guideline: Guideline, order: dict[str, int]
) -> list[MissingCountermeasure]:
    missing: Counter[str] = Counter()
    partial: Counter[str] = Counter()
    in_scope: Counter[str] = Counter()
    for f in facilities:
        missing.update(f.missing)
        partial.update(f.partial)
        in_scope.update(f.in_scope)
    ranked = sorted(
        (cm_id for cm_id in in_scope if missing[cm_id] or partial[cm_id]),
        key=lambda c: (-missing[c], -partial[c], order.get(c, 0)),
    )
    return [
        MissingCountermeasure(
            c, guideline.countermeasure(c).title, missing[c], partial[c], in_scope[c]
        )
        for c in ranked
    ]


_KIND_ORDER = {kind: i for i, kind in enumerate(FacilityKind)}


def _facility_order(f: FacilityResult) -> tuple[int, str]:
    """Hospitals, clinics, pharmacies, others; by name within each."""
    return (_KIND_ORDER[f.kind], f.name)

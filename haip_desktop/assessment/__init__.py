"""A facility's self-assessment: models, scope, scoring and the file store (plain Python, no Qt).

The public API, used by the window, the command line and benchmarks:

- Files: ``load_assessment(path)``, ``save_assessment(assessment, path, force=False)``
  (atomic, previous 5 versions in ``.haip-backup/``), ``backup_paths(path)``; every problem
  is an ``AssessmentFileError`` whose ``str()`` is the Japanese message for the person.
- Editing with history: ``new_assessment``, ``set_answer``, ``add_tool`` / ``update_tool`` /
  ``remove_tool``, ``set_scope``, ``update_facility``, ``update_details``; invalid changes
  raise ``EditError`` (Japanese message).
- One writer at a time: ``acquire_lock(path, who)`` → ``AssessmentLock`` or ``LockHeld``
  (``.describe()`` names who holds it: assessor name, OS user, PC), ``take_over_lock(held, who)``.
- Crash recovery: ``recovery_key``, ``write_recovery``, ``find_recoveries``,
  ``discard_recovery``.
- Privacy guard: ``find_patient_data(text)``, ``scan_assessment(assessment)``.
- Scope and numbers: the ``scope`` and ``scoring`` modules; demo data: ``demo``.
"""

from .editing import (
    EditError,
    add_tool,
    answer_problem,
    new_assessment,
    remove_tool,
    set_answer,
    set_scope,
    update_details,
    update_facility,
    update_tool,
)
from .errors import AssessmentFileError
from .lock import AssessmentLock, LockHeld, acquire_lock, take_over_lock
from .models import (
    SCHEMA_VERSION,
    STATUS_LABELS,
    Actor,
    AITool,
    Answer,
    Approval,
    Assessment,
    Deployment,
    Facility,
    FacilityKind,
    GuidelineRef,
    HistoryEntry,
    PatientData,
    Scope,
    Status,
)
from .privacy import Finding, PrivacyHit, find_patient_data, scan_assessment
from .recovery import (
    Recovery,
    discard_recovery,
    find_recoveries,
    recovery_key,
    write_recovery,
)
from .store import (
    BACKUP_COUNT,
    BACKUP_FOLDER,
    SaveResult,
    backup_paths,
    load_assessment,
    parse_assessment,
    save_assessment,
    serialize_assessment,
)

__all__ = [
    "AssessmentLock",
    "Finding",
    "LockHeld",
    "PrivacyHit",
    "Recovery",
    "acquire_lock",
    "discard_recovery",
    "find_patient_data",
    "find_recoveries",
    "recovery_key",
    "scan_assessment",
    "take_over_lock",
    "write_recovery",
    "BACKUP_COUNT",
    "BACKUP_FOLDER",
    "SCHEMA_VERSION",
    "STATUS_LABELS",
    "AITool",
    "Actor",
    "Answer",
    "Approval",
    "Assessment",
    "AssessmentFileError",
    "Deployment",
    "EditError",
    "Facility",
    "FacilityKind",
    "GuidelineRef",
    "HistoryEntry",
    "PatientData",
    "SaveResult",
    "Scope",
    "Status",
    "add_tool",
    "answer_problem",
    "backup_paths",
    "load_assessment",
    "new_assessment",
    "parse_assessment",
    "remove_tool",
    "save_assessment",
    "serialize_assessment",
    "set_answer",
    "set_scope",
    "update_details",
    "update_facility",
    "update_tool",
]

"""A facility's self-assessment: models, scope, scoring and the file store (plain Python, no Qt).

The public API used by the window, the command line and benchmarks::

    from haip_desktop.assessment import load_assessment, save_assessment, new_assessment, set_answer
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

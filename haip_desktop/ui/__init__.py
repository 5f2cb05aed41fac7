"""Everything Qt: windows, views, dialogs, print preview."""

from .pyside_bool_fix import protect_bools_from_binding_defect
from .pyside_fixes import protect_none_from_binding_defect

protect_none_from_binding_defect()
protect_bools_from_binding_defect()

"""Everything Qt: windows, views, dialogs, print preview."""

from .binding_workarounds import apply_binding_workarounds

apply_binding_workarounds()

"""Everything Qt: windows, views, dialogs, print preview."""

from .startup.binding_workarounds import apply_binding_workarounds

apply_binding_workarounds()

"""Qt widgets of the editor. Imports PySide6; never imported by ``netbuilder.core``."""

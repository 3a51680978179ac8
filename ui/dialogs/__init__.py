"""Dialogs, and the file pickers tests replace."""

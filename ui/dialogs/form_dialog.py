"""A dialog that stays open until its values are saved: a refusal shows inline, nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ui.errors import run_guarded
from ui.widgets.inline_message import InlineMessage


class FormDialog(QDialog):
    """A form, an inline message and OK/Cancel; OK runs `save` and closes only if it worked."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._form_box = QWidget(self)
        self.form = QFormLayout(self._form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._save: Callable[[], object] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._form_box)

    def finish_layout(self, *extra: QWidget) -> None:
        """Put any extra widgets under the form, then the message and the buttons."""
        for widget in extra:
            self._layout.addWidget(widget)
        self._layout.addWidget(self.message)
        self._layout.addWidget(self.buttons)

    def on_save(self, save: Callable[[], object]) -> None:
        """What OK does: a use case call that raises a DomainError to refuse."""
        self._save = save

    def submit(self) -> None:
        if self._save is None or run_guarded(
            self, self.windowTitle(), self._save, inline=self.message
        ):
            self.accept()

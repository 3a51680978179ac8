"""The desktop app: widgets, Qt models and charts. Every rule comes from domain/."""

from ui import pyside_imports

pyside_imports.install()

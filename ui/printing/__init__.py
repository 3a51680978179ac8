"""Printing and PDF: the lineup with DNQ reasons, session boards and standings on paper."""

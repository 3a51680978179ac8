"""The desktop app: widgets, Qt models and charts. Every rule comes from domain/.

Importing it changes nothing: the start-up settings and workarounds (ui/start_up.py) are
installed by main.py, explicitly, before Qt paints or numpy loads.
"""

"""The workflows and the engine they run on.

The engine (`definition.py`, `engine.py`, `models.py`, `diagram.py`) knows no workflow. Each
workflow module declares its process as data; `registry.py` lists them all, explicitly;
`timers.py` fires their deadlines and `check.py` finds cases in undeclared states.
"""

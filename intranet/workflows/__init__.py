"""The workflow engine: it runs any process declared as data and knows none by name.

`definition.py` says how a workflow is declared; `engine.py` fires its steps and activities
(with `journal.py`, `settling.py`, `cases.py`, `step_errors.py`); `models.py` stores audit
events and deadlines; `timers.py` fires due deadlines, `check.py` finds cases in undeclared
states, `workflow_cli.py` and `routes.py` are their command and the generic case routes.
Each workflow lives with its feature (e.g. `intranet/admission/workflow.py`); the list of
them all is `intranet/workflow_registry.py`, which the app hands to the engine.
"""

"""Every model of the intranet in one list, for migrations and schema checks.

`python -m playhouse.migrations DB generate NAME intranet.schema:MODELS`
"""

from intranet.models import all_models
from intranet.people import models as _people_models  # noqa: F401
from intranet.rounds import models as _rounds_models  # noqa: F401
from intranet.workflows import models as _workflow_models  # noqa: F401

MODELS = all_models()

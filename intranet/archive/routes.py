"""The archive page: finished applications, searchable, filterable by outcome."""

from flask import Blueprint, request

from intranet import htmx
from intranet.admission.workflow import WORKFLOW as admission
from intranet.archive.finished import FINISHED, archived
from intranet.pagination import paginate
from intranet.security import role_required

bp = Blueprint("archive", __name__)
PER_PAGE = 30


@bp.get("/aanmeldingen/archief")
@role_required("projectleider")
def index():
    """Finished applications, newest first; searchable by name, filterable by outcome."""
    search = " ".join(request.args.get("zoek", "").split())[:100]
    state = request.args.get("uitkomst") if request.args.get("uitkomst") in FINISHED else None
    return htmx.render(
        "archive/index.html",
        "archive/_list.html",
        page=paginate(archived(search, state), PER_PAGE),
        search=search,
        state=state,
        outcomes={s: admission.state_label(s) for s in FINISHED},
        workflow=admission,
    )

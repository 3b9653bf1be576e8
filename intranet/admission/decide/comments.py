"""Posting to a discussion of a case (admission/discussion.py), the same on every page that
shows one: htmx swaps in the updated discussion; without JavaScript, post/redirect/get back
to it."""

from flask import flash, redirect, url_for
from flask_login import current_user

from intranet import htmx
from intranet.admission.models import Comment
from intranet.admission.workflow import WORKFLOW as admission
from intranet.workflows import engine

from .forms import CommentForm

POSTED = "Uw reactie is geplaatst."
ANCHOR = "reacties"  # the discussion's id on its page
FRAGMENT = "admission/_comments.html"


def discussion_context(application, discussion, form=None, message=None):
    """What templates/admission/_comments.html shows of one discussion."""
    return {
        "discussion": discussion,
        "comments": list(Comment.for_application(application, discussion.name)),
        "comment_form": form or CommentForm(formdata=None),
        "comment_message": message,
    }


def post_comment(application, discussion, page_endpoint, render):
    """Add the posted contribution to the discussion.

    `render(form, message, status)` answers with the page (or, for htmx, the discussion).
    """
    form = CommentForm()
    if application.state not in discussion.states:
        return render(form, ("error", discussion.closed), 409)
    if not form.validate():
        return render(form, None, 422)
    try:  # the engine checks state and role again, under the case's lock
        engine.act(
            admission,
            application.id,
            discussion.activity,
            current_user._get_current_object(),
            data={"text": form.text.data},
        )
    except engine.WorkflowError as error:
        return render(form, ("error", error.message), error.status)
    if not htmx.is_htmx():
        flash(POSTED, "success")
        return redirect(url_for(page_endpoint, case_id=application.id, _anchor=ANCHOR), code=303)
    return render(CommentForm(formdata=None), ("success", POSTED), 200)

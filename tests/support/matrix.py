"""The authorization table: for every route and method, who gets past the guard, and what.

Every (endpoint, method) of the app must be declared here; tests/test_authorization_matrix.py
sends each one as every role of tests/support/world.py and compares. A role that is not allowed
gets the guard's answer: anonymous is sent to the login page, a logged-in person gets 403.
Allowed roles get `status` (the world's case lies with the regiegroep, so a step that needs
another state answers 409, an empty POST fails validation with 422 or a re-rendered 200).
A row's `args` name the world's records for its URL where ARGUMENTS (tests/support/world.py) would
pick others. The matrix asks the routes in name order, so where an allowed POST succeeds,
later rows see its effect (noted at the row).
"""

from dataclasses import dataclass, field

from tests.support.world import (
    AANVRAGER,
    ANONYMOUS,
    CONTACTPERSOON,
    CONTACTPERSOON_ELDERS,
    PROJECTGROEP,
    PROJECTLEIDER,
    REGIEGROEP,
    ROLES,
    VOORZITTER,
)

LOGIN = "login"  # a redirect to the login page
GET, POST = "GET", "POST"
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {ANONYMOUS}
REGIE = frozenset({REGIEGROEP, VOORZITTER})
# Who may see the world's application (admission/workflow.py, _may_view): the applicant,
# the projectleider, the projectgroep once it was put to the vote, the regiegroep once escalated.
CASE_VIEWERS = frozenset({AANVRAGER, PROJECTGROEP, REGIEGROEP, VOORZITTER, PROJECTLEIDER})
PARTNER_MANAGERS = frozenset({CONTACTPERSOON, PROJECTLEIDER})
# Who may see a partner's invitation to sign or to become vriend (rounds/invitation_rules.py).
INVITATION_VIEWERS = frozenset({CONTACTPERSOON, REGIEGROEP, VOORZITTER, PROJECTLEIDER})
CONVENANT_DECIDERS = frozenset({REGIEGROEP, VOORZITTER, PROJECTLEIDER})


@dataclass(frozen=True)
class Expect:
    """Allowed roles get `status`; `exceptions` name a role's own answer."""

    allowed: frozenset
    status: object = 200
    exceptions: dict = field(default_factory=dict)
    args: dict = field(default_factory=dict)  # URL argument -> (world -> value)

    def for_role(self, role):
        """The answer this role should get: a status code or LOGIN."""
        if role in self.exceptions:
            return self.exceptions[role]
        if role in self.allowed:
            return self.status
        return LOGIN if role == ANONYMOUS else 403


def only(*roles, status=200, args=None, **exceptions):
    """Only these roles get past the guard."""
    return Expect(frozenset(roles), status, exceptions, args or {})


def logged_in(status=200, args=None, **exceptions):
    """Anyone logged in."""
    return Expect(LOGGED_IN, status, exceptions, args or {})


def public(status=200, args=None, **exceptions):
    """Everyone, also without logging in."""
    return Expect(EVERYONE, status, exceptions, args or {})


TABLE = {
    # Home: visitors see the front page, people are sent on to their work.
    ("views.home", GET): public(302, anonymous=200),
    ("auth.login", GET): public(),
    ("auth.login", POST): public(200),  # empty form: errors at the fields
    ("auth.logout", POST): public(302),
    ("auth.forgot_password", GET): public(),
    ("auth.forgot_password", POST): public(200),
    ("auth.change_password", GET): logged_in(),
    ("auth.change_password", POST): logged_in(200),
    # Signed links: the matrix sends an invalid token, which is a 400 for everyone.
    ("auth.reset_password", GET): public(400),
    ("auth.reset_password", POST): public(400),
    ("auth.confirm_email", GET): public(400),
    ("auth.confirm_email", POST): public(400),
    ("auth.login_by_link", GET): public(400),
    ("auth.login_by_link", POST): public(400),
    ("partners.accept_invite", GET): public(400),
    ("partners.accept_invite", POST): public(400),
    # A stub (404) until the referee pages are merged; then 400 like the other links.
    ("referee.answer", GET): public(400),
    ("referee.answer", POST): public(400),
    # The applicant's side: the form is open to visitors (it makes their account).
    ("apply.start", GET): public(),
    # A later step, each at its own address: without the earlier ones, back to the first.
    ("apply.step", GET): public(303),
    ("apply.step", POST): public(303),
    ("apply.resume", GET): public(400),  # the link back to a kept form: the invalid token
    ("apply.mine", GET): logged_in(),
    # The contactpersoon of the organisation does not see its application: only its applicant.
    ("apply.case", GET): Expect(CASE_VIEWERS),
    # Generic case routes. Firing needs a motivation for this step: an empty post is
    # refused for everyone who may see the case, back on the case page with the reason
    # (303; the engine checks the step's own role after the motivation).
    ("cases.fire", POST): Expect(CASE_VIEWERS, 303),
    ("cases.timeline", GET): Expect(CASE_VIEWERS),
    ("cases.diagram", GET): public(),
    # The projectleider's inbox. The case lies with the regiegroep: nominating is over (409).
    ("inbox.index", GET): only(PROJECTLEIDER),
    ("inbox.case", GET): only(PROJECTLEIDER),
    ("inbox.nominate", GET): only(PROJECTLEIDER, status=409),
    ("inbox.nominate", POST): only(PROJECTLEIDER, status=422),
    ("inbox.record_vote", POST): only(PROJECTLEIDER, status=422),
    # The world's application has no likely match: linking is refused (422).
    ("inbox.link_organisation", POST): only(PROJECTLEIDER, status=422),
    # Votes: the projectleider follows them, but only members vote.
    ("votes.index", GET): only(PROJECTGROEP, PROJECTLEIDER),
    ("votes.vote", GET): only(PROJECTGROEP, PROJECTLEIDER),
    ("votes.vote", POST): only(PROJECTGROEP, status=422, projectleider=403),
    # The world's case lies with the regiegroep: the projectgroep's discussion closed (409).
    ("votes.comment", POST): only(PROJECTGROEP, PROJECTLEIDER, status=409),
    # The regiegroep's pages are for its members (the voorzitter is one), not the projectleider.
    ("regiegroep.index", GET): Expect(REGIE),
    ("regiegroep.case", GET): Expect(REGIE),
    ("regiegroep.comment", POST): Expect(REGIE, 422),
    # Partners: a public directory; a partner's own pages for its contactpersonen.
    ("partners.directory", GET): public(),
    ("partners.mine", GET): only(CONTACTPERSOON, CONTACTPERSOON_ELDERS, PROJECTLEIDER, status=302),
    ("partners.show", GET): Expect(PARTNER_MANAGERS),
    ("partners.edit_profile", GET): Expect(PARTNER_MANAGERS),
    # Fields a post leaves out keep their value (WTForms): saved unchanged.
    ("partners.edit_profile", POST): Expect(PARTNER_MANAGERS, 303),
    ("partners.invite_contact", POST): Expect(PARTNER_MANAGERS, 422),
    # The world's contact is the only contactpersoon: refused, but past the guard.
    ("partners.make_achtervang", POST): Expect(PARTNER_MANAGERS, 422),
    ("partners.make_primary", POST): Expect(PARTNER_MANAGERS, 409),
    ("partners.remove_contact", POST): Expect(PARTNER_MANAGERS, 422),
    # Fees: the projectleider's; a partner's specification also for its contactpersonen.
    ("fees.overview", GET): only(PROJECTLEIDER),
    ("fees.export", GET): only(PROJECTLEIDER),
    ("fees.specification", GET): Expect(PARTNER_MANAGERS),
    ("fees.rates_index", GET): only(PROJECTLEIDER),
    ("fees.rates", GET): only(PROJECTLEIDER),
    ("fees.rates", POST): only(PROJECTLEIDER, status=422),
    # The begroting, agreements and invoices: the projectleider's; a partner's own invoices
    # and billing address also for its contactpersonen. Empty posts fail validation (422);
    # the world's schooljaar has no rates, so making its invoices is refused (409).
    ("fees.budget", GET): only(PROJECTLEIDER),
    ("fees.budget", POST): only(PROJECTLEIDER, status=422),
    ("fees.budget_export", GET): only(PROJECTLEIDER),
    ("fees.agreements", GET): only(PROJECTLEIDER),
    ("fees.agreements", POST): only(PROJECTLEIDER, status=422),
    ("fees.remove_agreement", POST): only(PROJECTLEIDER, status=303),  # removes it
    ("fees.billing", GET): Expect(PARTNER_MANAGERS),
    ("fees.billing", POST): Expect(PARTNER_MANAGERS, 422),
    ("fees.invoices", GET): only(PROJECTLEIDER),
    ("fees.create_invoices", POST): only(PROJECTLEIDER, status=409),
    ("fees.invoices_export", GET): only(PROJECTLEIDER),
    ("fees.invoice", GET): Expect(PARTNER_MANAGERS),
    ("fees.invoice_file", GET): Expect(PARTNER_MANAGERS),
    ("fees.pay", POST): only(PROJECTLEIDER, status=422),
    ("fees.credit", POST): only(PROJECTLEIDER, status=422),
    ("fees.my_invoices", GET): only(CONTACTPERSOON, CONTACTPERSOON_ELDERS, PROJECTLEIDER),
    ("dashboard.index", GET): only(PROJECTLEIDER),
    ("outbox.outbox", GET): only(PROJECTLEIDER),
    ("outbox.message", GET): only(PROJECTLEIDER),
    # The world's messages are not failed: "al afgehandeld", back to the message/outbox.
    ("outbox.resend", POST): only(PROJECTLEIDER, status=302),
    ("outbox.resend_failed", POST): only(PROJECTLEIDER, status=302),
    # Monitoring: public and secret-free; the world's tick never ran, so it is unhealthy.
    ("health.healthz", GET): public(503),
    # Privacy: the statement is public; a person's export and anonymisation are the
    # projectleider's (an anonymisation without its confirmation box changes nothing).
    ("privacy.statement", GET): public(),
    ("privacy.find", GET): only(PROJECTLEIDER),
    ("privacy.export", POST): only(PROJECTLEIDER),
    ("privacy.anonymise", POST): only(PROJECTLEIDER, status=303),
}

# The application form and the convenant rounds. The matrix asks the routes in name order:
# where an allowed POST succeeds (noted), a later row sees its effect.
DRAFT = {"case_id": lambda world: world.draft.id}
RENEWAL = {"case_id": lambda world: world.rounds["renewal"].id}
VRIEND = {"case_id": lambda world: world.rounds["vriend"].id}
PERIOD = {"case_id": lambda world: world.rounds["period"].id}
DECISION = {"case_id": lambda world: world.rounds["decision"].id}
APPLY_AND_ROUNDS = {
    ("apply.start", POST): public(200),  # the first step again, with its errors
    ("apply.check", POST): public(200),  # the field again, with its message
    # Only the applicant changes a draft, or replaces a referee.
    ("apply.edit", GET): only(AANVRAGER, args=DRAFT),
    ("apply.edit", POST): only(AANVRAGER, status=303, args=DRAFT),  # left-out fields: kept
    ("apply.replace_referee", POST): only(AANVRAGER, status=422, args=DRAFT),
    ("referee.thanks", GET): public(),
    # The contactpersoon's side of the rounds: only they answer for their organisation.
    ("rounds.mine", GET): only(CONTACTPERSOON, CONTACTPERSOON_ELDERS),
    ("rounds.renewal", GET): Expect(INVITATION_VIEWERS, args=RENEWAL),
    ("rounds.decline", POST): only(CONTACTPERSOON, status=303, args=RENEWAL),  # declines
    ("rounds.sign", POST): only(CONTACTPERSOON, status=409, args=RENEWAL),  # declined already
    # Signing as organisations sign (the renewal was declined above: naming a signer is over).
    ("rounds.name_signer", POST): only(CONTACTPERSOON, status=409, args=RENEWAL),
    ("rounds.record_paper", POST): only(PROJECTLEIDER, status=422, args=RENEWAL),
    ("rounds.sign_by_link", GET): public(400),
    ("rounds.sign_by_link", POST): public(400),
    ("rounds.signed", GET): public(),
    ("rounds.convenant_print", GET): logged_in(args=PERIOD),
    ("rounds.convenant_pdf", GET): logged_in(args=PERIOD),
    ("rounds.preview_text", POST): only(PROJECTLEIDER),
    ("rounds.vriend", GET): Expect(INVITATION_VIEWERS, args=VRIEND),
    # A case dossier to print or keep as PDF: for the deciders who may see the case.
    ("dossier.dossier_print", GET): Expect(CASE_VIEWERS - {AANVRAGER}),
    ("dossier.dossier_pdf", GET): Expect(CASE_VIEWERS - {AANVRAGER}),
    ("rounds.accept", POST): only(CONTACTPERSOON, status=303, args=VRIEND),  # accepts
    ("rounds.refuse", POST): only(CONTACTPERSOON, status=409, args=VRIEND),  # accepted already
    # The projectleider's convenant pages; the regiegroep follows rounds and decides.
    ("rounds.index", GET): only(PROJECTLEIDER),
    ("rounds.new_period", GET): only(PROJECTLEIDER),
    ("rounds.new_period", POST): only(PROJECTLEIDER, status=422),
    ("rounds.period", GET): only(PROJECTLEIDER, args=PERIOD),
    ("rounds.edit_period", GET): only(PROJECTLEIDER, args=PERIOD),
    ("rounds.edit_period", POST): only(PROJECTLEIDER, status=422, args=PERIOD),
    ("rounds.open_renewal", POST): only(PROJECTLEIDER, status=422, args=PERIOD),
    ("rounds.open_vriend", POST): only(PROJECTLEIDER, status=422, args=PERIOD),
    ("rounds.round_page", GET): Expect(CONVENANT_DECIDERS),
    ("rounds.round_csv", GET): Expect(CONVENANT_DECIDERS),
    ("rounds.vrienden", GET): only(PROJECTLEIDER),
    ("rounds.mailing", POST): only(PROJECTLEIDER, status=422),
    ("rounds.decisions", GET): Expect(CONVENANT_DECIDERS),
    ("rounds.decision", GET): Expect(CONVENANT_DECIDERS, args=DECISION),
}
TABLE.update(APPLY_AND_ROUNDS)

# Netwerk (tests/support/world_network.py): the contactpersoon is a member of the network, the other
# organisation's contactpersoon its zichthouder; the meeting invites both and asks for
# contributions; the contactpersoon's organisation proposed one.
CONTRIBUTION = {"case_id": lambda world: world.network["contribution"].id}
MEETING_CASE = {"case_id": lambda world: world.network["meeting"].id}
PUBLIC_MEETING = {"meeting_id": lambda world: world.network["public_meeting"].id}
NETWORK_HOLDERS = (CONTACTPERSOON_ELDERS, PROJECTLEIDER)
CONTACTS = (CONTACTPERSOON, CONTACTPERSOON_ELDERS)
NETWORK = {
    ("network.agenda", GET): public(),
    ("network.answer_link", GET): public(400),  # the invalid token
    ("network.answer_link", POST): public(400),
    ("network.answered", GET): public(),
    ("network.networks", GET): logged_in(),
    ("network.network", GET): logged_in(),
    ("network.join", POST): only(*CONTACTS, PROJECTLEIDER, status=303),  # the leader joins
    # Members leave (a zichthouder stays one); the others were no member: 409.
    ("network.leave", POST): logged_in(
        409, contactpersoon=303, contactpersoon_elders=303, projectleider=303
    ),
    ("network.write", GET): only(*NETWORK_HOLDERS),
    ("network.write", POST): only(*NETWORK_HOLDERS, status=422),
    ("network.meetings_index", GET): logged_in(),
    ("network.meeting", GET): logged_in(args=MEETING_CASE),
    ("network.ics", GET): logged_in(),  # not a public meeting: log in first
    # No answer chosen: refused, back on the meeting page with the reason.
    ("network.respond", POST): logged_in(303),
    ("network.new_meeting", GET): only(PROJECTLEIDER),
    ("network.new_meeting", POST): only(PROJECTLEIDER, status=422),
    ("network.edit_meeting", GET): only(PROJECTLEIDER),  # published: its capacity only
    ("network.edit_meeting", POST): only(PROJECTLEIDER, status=303),  # left empty: no limit
    ("network.add_part", POST): only(PROJECTLEIDER, status=303),  # refused, back to the page
    ("network.attendance", GET): only(PROJECTLEIDER),
    ("network.mark", POST): only(PROJECTLEIDER, status=303),  # not begun: back with the reason
    ("network.propose", GET): only(*CONTACTS),
    ("network.propose", POST): only(*CONTACTS, status=422),
    ("network.contribution", GET): only(*CONTACTS, PROJECTLEIDER, args=CONTRIBUTION),
    # A public meeting: its page and registration form for everyone (an empty form: 422).
    ("network.public_meeting", GET): public(args=PUBLIC_MEETING),
    ("network.public_meeting", POST): public(422, args=PUBLIC_MEETING),
    ("network.registered", GET): public(args=PUBLIC_MEETING),
    ("network.confirm_registration", GET): public(400),  # the invalid token
    ("network.confirm_registration", POST): public(400),
    ("network.cancel_registration", GET): public(400),
    ("network.cancel_registration", POST): public(400),
    ("network.walk_in", POST): only(PROJECTLEIDER, status=422, args=PUBLIC_MEETING),
    # Not begun: refused, back to the attendance list with the reason.
    ("network.mark_guest", POST): only(PROJECTLEIDER, status=303, args=PUBLIC_MEETING),
    ("network.jaargesprekken", GET): only(PROJECTLEIDER),
    ("network.jaargesprek_page", GET): only(PROJECTLEIDER),
    ("network.jaargesprek_page", POST): only(PROJECTLEIDER, status=422),
}
TABLE.update(NETWORK)
# Going live: the network's import and export, accounts and seats (the projectleider's).
MEMBERS_AND_LEADER = frozenset({PROJECTLEIDER, PROJECTGROEP, REGIEGROEP, VOORZITTER})
APPLICANT_ACCOUNT = {"user_id": lambda world: world.users[AANVRAGER].id}
CHAIR_SEAT = {"seat_id": lambda world: world.users[VOORZITTER].memberships.get().id}
NO_PROPOSAL = {"proposal_id": lambda world: 999_999, "answer": lambda world: "bevestigen"}
GOING_LIVE = {
    ("partners.import_page", GET): only(PROJECTLEIDER),
    ("partners.preview_import", POST): only(PROJECTLEIDER, status=422),  # no file
    ("partners.confirm_import", POST): only(PROJECTLEIDER, status=409),  # no preview
    ("partners.export_csv", GET): only(PROJECTLEIDER),
    ("partners.export_xlsx", GET): only(PROJECTLEIDER),
    ("people.leden", GET): Expect(MEMBERS_AND_LEADER),
    ("people.add_seat", POST): only(PROJECTLEIDER, status=422),
    ("people.end_seat", POST): only(PROJECTLEIDER, status=422, args=CHAIR_SEAT),  # no date
    ("people.make_voorzitter", POST): only(PROJECTLEIDER, status=409, args=CHAIR_SEAT),
    # the regiegroep answers a proposal of a new voorzitter; the world has none (404)
    ("people.decide_voorzitter", POST): only(REGIEGROEP, VOORZITTER, status=404, args=NO_PROPOSAL),
    ("people.accounts_page", GET): only(PROJECTLEIDER),
    ("people.accounts_page", POST): only(PROJECTLEIDER, status=422),
    ("people.account", GET): only(PROJECTLEIDER, args=APPLICANT_ACCOUNT),
    ("people.rename", POST): only(PROJECTLEIDER, status=422, args=APPLICANT_ACCOUNT),
    ("people.change_email", POST): only(PROJECTLEIDER, status=422, args=APPLICANT_ACCOUNT),
    # Refused, so nothing changes: the applicant is active already (409), and the projectleider
    # may not deactivate their own account (403).
    ("people.reactivate", POST): only(PROJECTLEIDER, status=409, args=APPLICANT_ACCOUNT),
    ("people.deactivate", POST): only(
        PROJECTLEIDER, status=403, args={"user_id": lambda world: world.users[PROJECTLEIDER].id}
    ),
    ("people.accept_invite", GET): public(400),
    ("people.accept_invite", POST): public(400),
    ("people.confirm_email_change", GET): public(400),
    ("people.confirm_email_change", POST): public(400),
}
TABLE.update(GOING_LIVE)

# Professionals: signing up is public; an organisation's professionals are its
# contactpersonen's (the world's contactpersoon is no professional: removing them is stale).
PROFESSIONALS = {
    ("professionals.sign_up", GET): public(),
    ("professionals.sign_up", POST): public(422),
    ("professionals.signed_up", GET): public(),
    ("professionals.profile", GET): logged_in(),
    ("professionals.profile", POST): logged_in(303),  # no newsletters chosen: saved
    ("professionals.of_organisation", GET): Expect(PARTNER_MANAGERS),
    ("professionals.remove", POST): Expect(PARTNER_MANAGERS, 409),
    ("professionals.overview", GET): only(PROJECTLEIDER),
}
TABLE.update(PROFESSIONALS)

# News: public once published; the projectleider writes (an empty form: 422) and publishes
# (the world's item is published already: 409).
NEWS = {
    ("partners.public_page", GET): public(),  # a partner's public page
    ("news.index", GET): public(),
    ("news.show", GET): public(),
    ("news.feed_atom", GET): public(),
    ("news.image", GET): public(404),
    ("news.new", GET): only(PROJECTLEIDER),
    ("news.new", POST): only(PROJECTLEIDER, status=422),
    ("news.edit", GET): only(PROJECTLEIDER),
    ("news.edit", POST): only(PROJECTLEIDER, status=422),
    ("news.publish", POST): only(PROJECTLEIDER, status=409),
}
TABLE.update(NEWS)

# Newsletters: the projectleider's (the world's newsletter is a concept); unsubscribing and
# the archive are public (an invalid link: 400; a concept is not in the archive: 404).
NEWSLETTERS = {
    ("newsletters.index", GET): only(PROJECTLEIDER),
    ("newsletters.new", GET): only(PROJECTLEIDER),
    ("newsletters.new", POST): only(PROJECTLEIDER, status=422),
    ("newsletters.edit", GET): only(PROJECTLEIDER),
    ("newsletters.edit", POST): only(PROJECTLEIDER, status=422),
    ("newsletters.show", GET): only(PROJECTLEIDER),
    ("newsletters.preview", GET): only(PROJECTLEIDER),
    ("newsletters.test", POST): only(PROJECTLEIDER, status=303),  # a test to oneself
    ("newsletters.send", POST): only(PROJECTLEIDER, status=422),  # not confirmed
    ("newsletters.restore", POST): only(PROJECTLEIDER, status=409),
    ("newsletters.unsubscribe", GET): public(400),
    ("newsletters.unsubscribe", POST): public(400),
    ("newsletters.archive", GET): public(),
    ("newsletters.archived", GET): public(404),
}
TABLE.update(NEWSLETTERS)

# Activities: the world's organisation has an uitgebreid membership and submitted one
# (the other organisation may offer none: refused with why); the projectleider reviews it.
# In name order: edited (an empty form: 422), published (303), then sending it back is an
# empty form again (422); taking the published one offline asks its contactpersoon to confirm
# (200) and wants the projectleider's reason (422).
ACTIVITY_VIEWERS = frozenset({CONTACTPERSOON, PROJECTLEIDER})
ACTIVITIES = {
    ("activities.index", GET): only(CONTACTPERSOON, CONTACTPERSOON_ELDERS, PROJECTLEIDER),
    ("activities.new", GET): only(CONTACTPERSOON, CONTACTPERSOON_ELDERS, contactpersoon_elders=403),
    ("activities.new", POST): only(CONTACTPERSOON, status=422),
    ("activities.show", GET): Expect(ACTIVITY_VIEWERS),
    ("activities.edit", GET): only(CONTACTPERSOON),
    ("activities.edit", POST): only(CONTACTPERSOON, status=422),
    ("activities.publish", POST): only(PROJECTLEIDER, status=303),
    ("activities.send_back", POST): only(PROJECTLEIDER, status=422),
    ("activities.take_offline", POST): only(CONTACTPERSOON, PROJECTLEIDER, projectleider=422),
}
TABLE.update(ACTIVITIES)

# "Mijn taken", the calendar link, reminders, the archive, the favicon.
WEEKLY = {
    ("views.favicon", GET): public(301),
    ("tasks.index", GET): logged_in(),
    ("calendar.settings", GET): logged_in(),
    ("calendar.renew", POST): logged_in(303),  # makes (or renews) the person's link
    ("calendar.feed", GET): public(404),  # the matrix's made-up secret opens nothing
    ("archive.index", GET): only(PROJECTLEIDER),
    # The world's case lies with the regiegroep: refused with a message, back to the page.
    ("reminders.remind_voters", POST): only(PROJECTLEIDER, status=303),
    ("reminders.remind_round", POST): only(PROJECTLEIDER, status=303),  # reminds
}
TABLE.update(WEEKLY)


def arguments_for(endpoint):
    """The URL values the rows of an endpoint ask for, over the defaults."""
    found = {}
    for (name, _method), expect in TABLE.items():
        if name == endpoint:
            found.update(expect.args)
    return found

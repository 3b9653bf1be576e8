"""How a workflow is declared: states, transitions, roles, conditions, effects, timers."""

from dataclasses import dataclass, field

from transitions import Machine

SYSTEM = "systeem"  # the role of `workflows tick`; no person holds it
ROLE_LABELS = {
    "projectleider": "de projectleider",
    "projectgroep": "leden van de projectgroep",
    "regiegroep": "leden van de regiegroep",
    "voorzitter": "de voorzitter van de regiegroep",
    "aanvrager": "de aanvrager",
    "contactpersoon": "de contactpersonen van de organisatie",
    # case-relative: contactpersoon of the case's own organisation (not of any organisation)
    "eigen_contactpersoon": "de contactpersonen van deze organisatie",
    # case-relative: zichthouder of the network a contribution is for
    "zichthouder": "de zichthouder van het netwerk",
}


def _branch(when):
    """A transitions condition that asks a branch predicate about the event's case."""
    return lambda event: when(event.model)


@dataclass(frozen=True)
class Condition:
    """Something that must hold before a transition, with the reason shown when it does not."""

    check: object  # callable(case, context) -> bool
    reason: str


@dataclass(frozen=True)
class Transition:
    """One step a role may take: trigger, from where, to where, and what follows."""

    trigger: str
    source: str | tuple
    dest: str
    label: str
    roles: frozenset
    conditions: tuple = ()
    after: tuple = ()  # callables(event), run in the same transaction
    comment: str = ""  # "", "optional" or "required"
    comment_label: str = "Toelichting"
    style: str = ""  # "", "secondary", "contrast" (Pico button classes)
    form_endpoint: str = ""  # a page of its own (vote, sign) instead of a button
    when: object = None  # callable(case) -> bool: picks this branch among same-trigger steps
    automatic: bool = False  # the engine takes it as soon as its conditions hold (see settle)
    actor_label: str = ""  # who an automatic step is on the timeline ("" : systeem)
    internal: bool = False  # its comment is for the workflow's insiders only (see Workflow)
    # An irreversible step asks first: callable(case, comment) -> (recipients, (subject, body))
    # says whom it mails and how the message reads (intranet/confirm.py shows it).
    confirm: object = None
    done: object = None  # callable(case) -> what happened, in words, for the notice after it
    folded: bool = False  # rarely wanted (withdrawing): folded away below the timeline

    @property
    def sources(self):
        """The source states as a tuple."""
        return (self.source,) if isinstance(self.source, str) else tuple(self.source)


@dataclass(frozen=True)
class Activity:
    """Something a role does on a case that is no state change (casting a vote).

    The engine runs it like a step: under the case's lock, only in `states` (else `closed`
    is the answer), only for `roles`; `run(case, actor, data, moment)` does the work and
    returns a `Done`; the engine writes its audit event and then settles the case.
    """

    name: str
    label: str
    states: tuple
    roles: frozenset
    run: object
    closed: str = "Dit is al afgehandeld."
    writes: tuple = ()  # the timeline entries it makes (Done.what)
    internal: bool = True  # those entries are shown only to the deciders, not the applicant


@dataclass(frozen=True)
class Done:
    """What an activity did, for the case's timeline."""

    what: str  # the timeline entry's key (an event_labels key of the workflow)
    actor_label: str = ""  # who, e.g. "Piet namens Marie" for a vote recorded on their behalf
    data: dict = field(default_factory=dict)  # for the audit event
    result: object = field(default=None, compare=False)  # for the caller (the stored vote)


@dataclass(frozen=True)
class Timer:
    """A reminder or other timed action that is no state change."""

    name: str
    states: tuple  # the case states in which it still applies
    run: object  # callable(workflow, case, now); returning False: nothing was due after all


@dataclass(eq=False)  # identity: one definition is one workflow (and a cache key)
class Workflow:
    """A process declared as data; one shared Machine decides its state changes."""

    name: str
    label: str
    model: object  # the peewee model whose rows are the cases (with a `state` column)
    states: dict  # state -> Dutch label
    initial: str
    transitions: list
    case_roles: object = None  # callable(case, user) -> set of roles this user has on it
    on_enter: dict = field(default_factory=dict)  # state -> callables(event)
    timers: list = field(default_factory=list)
    case_endpoint: str = ""  # the case page, called with {case_arg: the case's id}
    case_arg: str = "case_id"
    can_view: object = None  # callable(case, user) -> bool; default: any role of its steps
    activities: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # state -> callable(case, moment) -> dict
    event_labels: dict = field(default_factory=dict)  # timeline key -> Dutch label
    # Who reads internal comments (and those of records that are no declared step), and the
    # internal records themselves (`internal_events`); everyone else on the case, the
    # applicant say, sees the steps without those comments and not those records.
    insiders: frozenset = frozenset()
    internal_events: frozenset = frozenset()

    def case_args(self, case_id):
        """The arguments of `case_endpoint` for a case (url_for(case_endpoint, **these))."""
        return {self.case_arg: case_id}

    def __post_init__(self):
        self.machine = Machine(
            model=None,
            states=list(self.states),
            transitions=[
                {
                    "trigger": t.trigger,
                    "source": list(t.sources),
                    "dest": t.dest,
                    "conditions": [_branch(t.when)] if t.when else [],
                }
                for t in self.transitions
            ],
            initial=self.initial,
            auto_transitions=False,
            send_event=True,
        )
        self._by_source = {}
        for t in self.transitions:
            for source in t.sources:
                self._by_source.setdefault((t.trigger, source), []).append(t)
        self.triggers = {t.trigger for t in self.transitions}
        self.open_triggers = {t.trigger for t in self.transitions if not t.internal} | {"aanmaken"}
        self.timers_by_name = {timer.name: timer for timer in self.timers}
        self.activities_by_name = {activity.name: activity for activity in self.activities}
        self.decider_roles = set().union(
            *(t.roles for t in self.transitions), *(a.roles for a in self.activities)
        ) - {"aanvrager", "eigen_contactpersoon", "contactpersoon", SYSTEM}
        self._automatic = {}
        for t in self.transitions:
            if t.automatic:
                for source in t.sources:
                    self._automatic.setdefault(source, []).append(t)
        self.settling_states = tuple(self._automatic)

    def automatic_from(self, state):
        """The automatic steps out of a state, in declaration order (the first that holds)."""
        return self._automatic.get(state, ())

    def facts_of(self, case, moment):
        """What the conditions of the automatic steps out of the case's state read."""
        compute = self.facts.get(case.state)
        return compute(case, moment) if compute else {}

    def event_label(self, what):
        """A timeline entry without state change, in words ('' if none declared)."""
        return self.event_labels.get(what, "")

    def timeline_for(self, events, user):
        """The events as this user may read them: internal activities, records and comments
        only for the insiders (or, where none are declared, the deciders)."""
        activities = {what for a in self.activities if a.internal for what in a.writes}
        if not self.insiders and not activities:
            return events
        insiders = self.insiders or self.decider_roles
        if user is not None and user.is_authenticated and user.has_role(*insiders):
            return events
        hidden = self.internal_events | activities
        shown = [event for event in events if event.trigger not in hidden]
        for event in shown:
            if event.trigger not in self.open_triggers:
                event.comment = ""  # in memory only: audit events are never written again
        return shown

    def transition(self, trigger, case):
        """The declared step for a trigger from the case's state (its branch), or None."""
        for candidate in self._by_source.get((trigger, case.state), ()):
            if candidate.when is None or candidate.when(case):
                return candidate
        return None

    def transitions_from(self, case):
        """The steps out of the case's state (one branch per trigger), in declaration order."""
        triggers = self.machine.get_triggers(case.state)
        return [
            t
            for t in self.transitions
            if t.trigger in triggers and self.transition(t.trigger, case) is t
        ]

    def state_label(self, state):
        """A state in words."""
        return self.states.get(state, state)

    def may_view(self, case, user):
        """True if the user may see this case and its timeline."""
        if self.can_view:
            return self.can_view(case, user)
        every_role = set().union(*(t.roles for t in self.transitions))
        return bool(self.roles_on(case, user) & every_role)

    def roles_on(self, case, user):
        """The roles a user has on this case: their global roles plus case-relative ones."""
        if user is None or not user.is_authenticated:
            return set()
        roles = set(user.roles)
        if self.case_roles:
            roles |= self.case_roles(case, user)
        return roles

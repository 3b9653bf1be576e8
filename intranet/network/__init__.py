"""Netwerk (issue 16): LEF's zichtlijnen and dwarslijnen, meetings with invitations and a
waiting list, contributions to programmes, and the yearly conversation with every partner.

One module per concern: `models` (networks, meetings, invitations), `meetings` (drafting,
joining), `publishing` (who is invited, the mails), `rsvp` (seats and the waiting list),
`links` (single-use answer links), `calendar` (iCalendar; `events_for(user)` feeds a
calendar), `jaargesprek`, `promises` (the dashboard's section), `routes/` (the pages).
"""

"""Every person's private calendar feed (iCalendar) with the deadlines that concern them."""

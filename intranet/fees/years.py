"""Which schooljaren the fee pages show, and what every fee page says about its schooljaar."""

from flask import abort

from intranet.fees.models import FIRST_SCHOOLJAAR, schooljaar_period
from intranet.schooljaar import schooljaar_label, schooljaar_of


def known_year(year):
    """The year if it is one the intranet can show, else 404."""
    if year is None:
        return schooljaar_of()
    if not FIRST_SCHOOLJAAR <= year <= schooljaar_of() + 5:
        abort(404)
    return year


def year_context(year, has_rates=True):
    """What every fee page says about its schooljaar; a past year's rates are fixed once set."""
    return {
        "year": year,
        "label": schooljaar_label(year),
        "period": schooljaar_period(year),
        "current": schooljaar_of(),
        "editable": year >= schooljaar_of() or not has_rates,
    }

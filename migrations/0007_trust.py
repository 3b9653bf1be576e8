"""Trust: an account holds roles only once its address is confirmed.

Accounts that already sit in a group or speak for an organisation were vouched for by the
projectleider (or the admission), so they count as confirmed from when they were made.
"""

from peewee import *


def up(migrator, db):
    db.execute_sql(
        'UPDATE "user" SET email_confirmed_at = created_at '
        "WHERE email_confirmed_at IS NULL AND ("
        'id IN (SELECT user_id FROM "membership") OR id IN (SELECT user_id FROM "contact"))'
    )


def down(migrator, db):
    pass  # confirmations stay

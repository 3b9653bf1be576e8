"""Signing as organisations sign: a named signer with a link, and how a signature came in."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("renewal_invitation", "signed_via", CharField(default="")),
        migrator.add_column("renewal_invitation", "delegate_name", CharField(default="")),
        migrator.add_column("renewal_invitation", "delegate_function", CharField(default="")),
        migrator.add_column("renewal_invitation", "delegate_email", CharField(default="")),
        migrator.add_column("renewal_invitation", "delegated_at", DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        *(
            migrator.drop_column("renewal_invitation", name)
            for name in (
                "signed_via",
                "delegate_name",
                "delegate_function",
                "delegate_email",
                "delegated_at",
            )
        )
    )

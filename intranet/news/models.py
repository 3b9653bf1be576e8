"""A news item or good-practice story, tagged by hoofdthema, network and werkvelden."""

from peewee import JOIN, CharField, DateTimeField, ForeignKeyField, TextField

from intranet.clock import now
from intranet.models import HOOFDTHEMAS, WERKVELDEN, BaseModel, User
from intranet.network.models import Network

KINDS = {"nieuws": "Nieuws", "goede_praktijk": "Goede praktijk"}


class NewsItem(BaseModel):
    """News or good practice; a concept until `published_at` is set. Body: Markdown."""

    kind = CharField(choices=list(KINDS.items()))
    title = CharField()
    summary = TextField(default="")
    body = TextField(default="")
    image = CharField(default="")  # the stored file's name (news/images.py), or ""
    image_alt = CharField(default="")
    hoofdthema = CharField(default="")  # one of HOOFDTHEMAS, or ""
    network = ForeignKeyField(Network, null=True, on_delete="SET NULL")
    werkvelden = CharField(default="")  # space-separated WERKVELDEN (the newsletters' choice)
    published_at = DateTimeField(null=True, index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "news_item"

    @property
    def kind_label(self):
        """Nieuws or goede praktijk."""
        return KINDS.get(self.kind, self.kind)

    @property
    def hoofdthema_label(self):
        """The hoofdthema in words."""
        return HOOFDTHEMAS.get(self.hoofdthema, "")

    @property
    def werkveld_list(self):
        """The werkvelden as a list."""
        return [w for w in self.werkvelden.split() if w in WERKVELDEN]

    @classmethod
    def published(cls, text="", kind=None, hoofdthema=None, network_id=None):
        """Published items, newest first, with their networks; optionally searched/filtered."""
        query = (
            cls.select(cls, Network)
            .join(Network, JOIN.LEFT_OUTER)
            .where(cls.published_at.is_null(False))
            .order_by(cls.published_at.desc(), cls.id.desc())
        )
        if text:
            query = query.where(
                cls.title.contains(text) | cls.summary.contains(text) | cls.body.contains(text)
            )
        if kind:
            query = query.where(cls.kind == kind)
        if hoofdthema:
            query = query.where(cls.hoofdthema == hoofdthema)
        if network_id:
            query = query.where(cls.network == network_id)
        return query

    @classmethod
    def drafts(cls):
        """Concepts, newest first."""
        return cls.select().where(cls.published_at.is_null()).order_by(cls.id.desc())

"""Helpers for the partner tests: many partners at once, and network files to import."""

from peewee import chunked

from intranet.models import Organisation
from intranet.partners import table
from intranet.partners.import_apply import import_rows

HEADER = "naam;sector;gemeente;leerlingen/kindplaatsen;lidmaatschap;LEF-partner;website;"
HEADER += "contactpersoon;contactpersoon e-mail;achtervang;achtervang e-mail;"
HEADER += "ondertekend;datum ondertekening"
SCHOOL = "Basisschool De Vlinder;PO;Leiden;1.200;convenant;ja;www.vlinder.nl;"
SCHOOL += "Ans de Wit;ans@vlinder.example.org;Piet Kok;piet@vlinder.example.org;ja;31-10-2018"
MUSEUM = "Museum Het Hof;cultuur;Oegstgeest;;basis;nee;;Mo Dekker;mo@hof.example.org;;;nee;"


def csv_bytes(*lines, encoding="utf-8-sig"):
    """A CSV file as Dutch Excel writes it."""
    return "\r\n".join(lines).encode(encoding)


def import_file(data, dry_run=False, actor=None):
    """Read and import a file's bytes."""
    return import_rows(table.read(data), actor, dry_run=dry_run)


def add_partners(count, start=0):
    """Insert many partners at once."""
    rows = [
        {
            "name": f"Partner {number:05d}",
            "sector": ("PO", "VO", "VSE", "cultuur")[number % 4],
            "municipality": ("Leiden", "Oegstgeest", "Voorschoten")[number % 3],
            "pupil_count": 100 + number,
            "status": "partner",
            "membership_type": "convenant",
            "profile": "Een partner.",
        }
        for number in range(start, start + count)
    ]
    for batch in chunked(rows, 500):
        Organisation.insert_many(batch).execute()

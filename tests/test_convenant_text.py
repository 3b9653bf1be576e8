"""The convenant's parties: the 2018 text's two columns read down, not interleaved."""

from intranet.rounds.periods import convenant_2018
from intranet.rounds.text import to_html


def test_the_two_columns_of_parties_read_down_the_first_then_the_second():
    html = str(to_html(convenant_2018()))
    items = html.split("<ul>")[1].split("</ul>")[0]
    names = [part.split("</li>")[0] for part in items.split("<li>")[1:]]
    assert names[:3] == ["Adelbert College", "AED", "Aiolos"]
    assert names.index("Museum Volkenkunde") + 1 == names.index("Naturalis Biodiversity Center")
    assert names[-1] == "XL-leren" and len(names) == len(set(names))


def test_a_text_without_tabs_is_unchanged():
    html = str(to_html("### Partijen\n\n- Een\n- Twee\n\nTekst."))
    assert "<li>Een</li>" in html and "<p>Tekst.</p>" in html

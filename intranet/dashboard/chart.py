"""A small server-side SVG bar chart: geometry here, drawing in dashboard/_bar_chart.html."""

from dataclasses import dataclass, field

LABEL_WIDTH = 230
BAR_AREA = 330
VALUE_WIDTH = 160
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 8


@dataclass
class Bar:
    """One labelled bar with its value in words and its place in the drawing."""

    label: str
    value_text: str
    y: int
    width: int

    @property
    def text_y(self):
        """The baseline of the bar's texts, centred on the bar."""
        return self.y + BAR_HEIGHT // 2 + 5


@dataclass
class BarChart:
    """A horizontal bar chart; ids make its title and description unique on the page."""

    id: str
    title: str
    description: str
    bars: list = field(default_factory=list)
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + PADDING
    bar_height: int = BAR_HEIGHT

    @property
    def width(self):
        """The drawing's width."""
        return LABEL_WIDTH + PADDING + BAR_AREA + PADDING + VALUE_WIDTH

    @property
    def height(self):
        """The drawing's height: one row per bar, at least one row."""
        return max(1, len(self.bars)) * ROW_HEIGHT + PADDING

    @property
    def value_x(self):
        """Where the values are written, right of the longest possible bar."""
        return self.bar_x + BAR_AREA + PADDING


def bar_chart(chart_id, title, rows, value_text=str, description=""):
    """A chart of (label, value) or (label, value, text) rows; values are numbers >= 0."""
    rows = [(row[0], row[1], row[2] if len(row) > 2 else value_text(row[1])) for row in rows]
    largest = max((value for _, value, _ in rows), default=0) or 1
    bars = [
        Bar(
            label=label,
            value_text=text,
            y=PADDING + index * ROW_HEIGHT,
            width=round(BAR_AREA * value / largest) if value else 0,
        )
        for index, (label, value, text) in enumerate(rows)
    ]
    return BarChart(chart_id, title, description, bars)

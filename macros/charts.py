"""Charts drawn at build time by matplotlib as inline SVG (text kept as text; bench/chart_bench.py
has why not altair): no JavaScript, no request. SVG, data table and CSV all render from one `Chart`;
colours are CSS variables and text is `currentColor`, so one SVG reads in every palette.
"""
import csv
import io
import re
import textwrap
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache, partial

from .citations import source_line
from .markdown_text import md_escape, render
from .numbers import format_count, format_million, format_pct, places_of
from .site import PageState, Site

# Sentinel colours drawn by matplotlib and swapped for CSS after drawing (see chart_svg)
INK, GRID = "#0a0a0f", "#0a0a0e"
SERIES = ["#0a0a01", "#0a0a02", "#0a0a03"]
DOWNLOADS = "downloads/charts"
# 374 px wide with 11 px text: shown near its own size on a 360 px phone, so its text stays near 10 px
WIDTH_INCHES = 5.2
# A row label too long to leave the bars this share of the width is wrapped at this many characters
BARS_AT_LEAST = 0.4
WRAP_LABELS_AT = 22


@dataclass(frozen=True)  # hashable, so that a chart is drawn once for the same data (chart_svg)
class Chart:
    id: str
    caption: str
    unit: str                      # "pct" or "count": how values are written
    series: tuple[str, ...]        # one colour each, in legend order
    rows: tuple[tuple[str, tuple], ...]  # (row label, one value per series; None where it has none)
    sources: tuple[str, ...]
    stacked: bool = False          # series add up along one bar (else: one bar per series)
    label_column: str = "Candidate"
    notes: tuple[str, ...] = ()
    places: int | None = 2         # decimals of shares; None: as many as the value was announced with

    def text(self, value) -> str:
        if value is None:
            return "—"
        if self.unit == "count":
            return format_count(value)
        return format_pct(value, places_of(value) if self.places is None else self.places)

    def bar_label(self, value) -> str:
        return self.text(value) if self.unit == "pct" else format_million(value)

    def totals(self) -> list:
        return [sum(v for v in vals if v is not None) for _, vals in self.rows]

    def description(self) -> str:
        parts = []
        for (label, vals), total in zip(self.rows, self.totals()):
            if self.stacked:
                given = [(s, v) for s, v in zip(self.series, vals) if v is not None]
                inner = " + ".join(f"{s} {self.text(v)}" for s, v in given) if len(given) > 1 else self.text(total)
                bar = self.bar_label(total)
                parts.append(f"{label}: {bar}" + (f" ({inner})" if inner != bar else ""))
            else:
                parts.append(f"{label}: " + ", ".join(
                    f"{self.text(v)}" + ("" if len(self.series) == 1 else f" {s.lower()}")
                    for s, v in zip(self.series, vals) if v is not None))
        return f"Bar chart. {'; '.join(parts)}."

    def csv_text(self) -> str:
        """The numbers behind the chart, unrounded shares to 4 places, counts as integers."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([_slug(self.label_column)] + [_slug(s) for s in self.series])
        w.writerows([label] + ["" if v is None else (f"{v:.4f}" if self.unit == "pct" else str(int(v))) for v in vals]
                    for label, vals in self.rows)
        return buf.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# --- The charts -------------------------------------------------------------------------------

def chart_results(site: Site, eid: str) -> Chart:
    e = site.data.by_id("elections")[eid]
    rows, sources = [], []
    for r in sorted((r for r in site.data.results if r["election"] == eid), key=lambda r: -r["votes"]):
        cid = r["candidate"]
        shares = [site.figures[f"{eid}.{cid}.{base}"] for base in ("share_cast", "share_valid")]
        rows.append((site.people.get(cid, {}).get("name", cid), tuple(f.value for f in shares)))
        sources += [s for f in shares for s in f.sources]
    caption = f"{e['label'][:1].upper()}{e['label'][1:]}: each candidate's share of votes cast and of valid votes"
    return Chart(f"results-{eid}", caption, "pct", ("Share of votes cast", "Share of valid votes"), tuple(rows),
                 tuple(dict.fromkeys(sources)),
                 notes=("Votes cast include blank and invalid ballots; Iran's official shares use that base.",))


def chart_turnout(site: Site) -> Chart:
    """Official turnout, oldest first; presidential and parliamentary in two colours."""
    kinds = ["presidential", "parliamentary"]
    rows = []
    for r in site.official_turnout:
        v = site.figures[f"turnout.{r['election']}"].value
        rows.append((r["label"], tuple(v if r["kind"] == k else None for k in kinds)))
    return Chart("turnout", "Official turnout in presidential and parliamentary elections, 2005–2024", "pct",
                 ("Presidential", "Parliamentary"), tuple(rows),
                 tuple(dict.fromkeys(r["source"] for r in site.official_turnout)),
                 stacked=True, label_column="Election", places=None,
                 notes=(site.turnout_basis,))


def chart_conservatives(site: Site) -> Chart:
    raisi = site.figures["pres-2021.raisi.votes"]
    jalili = site.figures["pres-2024-r1.jalili.votes"]
    ghalibaf = site.figures["pres-2024-r1.ghalibaf.votes"]
    both = site.figures["conservatives-2024-r1"]
    if jalili.value + ghalibaf.value != both.value:
        raise ValueError(f"chart 'conservatives': {both.id} is not Jalili + Ghalibaf")
    before, after = site.figures["turnout.pres-2021"], site.figures["turnout.pres-2024-r1"]
    rows = (("Raisi, 2021 (final count)", (raisi.value, None, None)),
            ("Jalili + Ghalibaf, 2024 first round", (None, jalili.value, ghalibaf.value)))
    return Chart("conservatives", "The conservative vote: Raisi in 2021 against Jalili and Ghalibaf in 2024",
                 "count", ("Raisi", "Jalili", "Ghalibaf"), rows,
                 tuple(dict.fromkeys(raisi.sources + both.sources)), stacked=True, label_column="Vote",
                 notes=(f"Votes, not shares: official turnout was {before.text()} in 2021 and {after.text()} "
                        "in the 2024 first round.",))


CHARTS = {"results-pres-2024-r1": partial(chart_results, eid="pres-2024-r1"),
          "results-pres-2024-r2": partial(chart_results, eid="pres-2024-r2"),
          "turnout": chart_turnout, "conservatives": chart_conservatives}


def build_chart(site: Site, name: str) -> Chart:
    return CHARTS[name](site)


# --- Drawing ----------------------------------------------------------------------------------

def _draw(chart: Chart) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    rc = {
        "svg.fonttype": "none",            # text stays text: small, selectable, styled by CSS
        "text.parse_math": False,          # a "$" in a name is a dollar sign, not TeX
        "svg.hashsalt": f"chart-{chart.id}",  # deterministic ids, unique per chart on a page
        "svg.id": f"svg-{chart.id}",
        "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 11,
        "text.color": INK, "axes.edgecolor": INK, "xtick.color": INK, "ytick.color": INK,
        "axes.labelcolor": INK, "savefig.transparent": True,  # no figure or axes background
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(WIDTH_INCHES, _height(chart, lines=1)))
        ax = fig.add_subplot()
        labels = [label for label, _ in chart.rows]
        ys = range(len(chart.rows))
        per_row = 1 if chart.stacked else len(chart.series)
        bar_h = 0.7 / per_row
        totals = chart.totals()
        values = [v for _, vals in chart.rows for v in vals if v is not None]
        scale = float(max(totals if chart.stacked else values))
        value_labels = list(zip(totals, ys)) if chart.stacked else []  # (value, its bar's middle)
        for s, name in enumerate(chart.series):
            bars = [(y, vals) for y, (_, vals) in zip(ys, chart.rows) if vals[s] is not None]
            # side by side, a bar per series; stacked, a series starts where those before it end
            pos = [y if chart.stacked else y - 0.35 + bar_h * (s + 0.5) for y, _ in bars]
            left = [float(sum(v for v in vals[:s] if v is not None)) if chart.stacked else 0.0 for _, vals in bars]
            ax.barh(pos, [float(vals[s]) for _, vals in bars], height=bar_h * 0.92, left=left, color=SERIES[s],
                    label=name)
            if not chart.stacked:
                value_labels += [(vals[s], y) for (_, vals), y in zip(bars, pos)]
        for value, y in value_labels:
            ax.text(float(value) + scale * 0.01, y, chart.bar_label(value), va="center", fontsize=10)
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, scale * 1.22)
        ax.xaxis.set_visible(False)
        ax.spines[["top", "right", "bottom"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        _lay_out(fig, ax, chart, labels)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return buf.getvalue()


def _height(chart: Chart, lines: int) -> float:
    """Inches: room for the legend and, per row, its bars or its label's lines if taller."""
    per_row = 1 if chart.stacked else len(chart.series)
    return 0.9 + len(chart.rows) * max(0.32 * per_row + 0.22, 0.19 * lines + 0.12)


def _inside(fig, box) -> bool:
    return fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1)


def _lay_out(fig, ax, chart: Chart, labels: list[str]) -> None:
    """Lay the figure out with no text cut off at its edges and the bars keeping BARS_AT_LEAST of
    its width, long row labels wrapped onto more lines (taller rows) if need be; else stop the build."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(fig).get_renderer()
    first_limits = ax.get_xlim()
    for wrap in (None, WRAP_LABELS_AT):
        ax.set_xlim(*first_limits)  # each try widens the value axis from the start
        if wrap:
            wrapped = [textwrap.fill(label, wrap) for label in labels]
            ax.set_yticks(range(len(labels)), wrapped)
            fig.set_size_inches(WIDTH_INCHES, _height(chart, max(w.count("\n") + 1 for w in wrapped)))
            fig.draw_without_rendering()  # the layout would otherwise measure the labels as they were
        with warnings.catch_warnings():
            # matplotlib warns when labels leave no room to lay out: what is outside is measured below
            warnings.filterwarnings("ignore", "Tight layout not applied")
            _fit_values(fig, ax, chart, renderer)
            fig.draw_without_rendering()  # places the legend's texts, which are measured next
        outside = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()
                   and not _inside(fig, t.get_window_extent(renderer))]
        if not outside and ax.bbox.width >= BARS_AT_LEAST * fig.bbox.width:
            return
    raise ValueError(f"chart {chart.id!r}: text does not fit the drawing: {', '.join(map(repr, outside))}"
                     if outside else f"chart {chart.id!r}: the row labels leave the bars too little room")


def _fit_values(fig, ax, chart: Chart, renderer) -> None:
    """Lay out, widening the value axis until every bar's value label ends inside the drawing."""
    for _ in range(6):
        if len(chart.series) > 1:
            _legend_above(fig, ax, chart, renderer)   # lays the figure out with the legend it keeps
        else:
            fig.tight_layout(pad=0.3)
        over = max(t.get_window_extent(renderer).x1 for t in ax.texts) - (fig.bbox.x1 - 2)
        if over <= 0:
            return
        low, high = ax.get_xlim()
        ax.set_xlim(low, high * (1 + (over + 2) / ax.bbox.width))


def _legend_above(fig, ax, chart: Chart, renderer) -> None:
    """The legend above the bars, its right edge on the axes' (it may reach over the labels'
    column), in one row if that fits the drawing, else one entry a line."""
    for ncol in (len(chart.series), 1):
        legend = ax.legend(loc="lower right", bbox_to_anchor=(1, 1.0), ncol=ncol, frameon=False,
                           fontsize=10, borderaxespad=0.2, handlelength=1.2)
        # out of the layout, which would make its reach over the labels a left margin; room made above
        legend.set_in_layout(False)
        fig.tight_layout(pad=0.3)
        fig.subplots_adjust(top=fig.subplotpars.top - legend.get_window_extent(renderer).height / fig.bbox.height)
        if _inside(fig, legend.get_window_extent(renderer)):
            return
        legend.remove()
    raise ValueError(f"chart {chart.id!r}: the legend does not fit the drawing")


SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
_GROUP = f"{{{SVG_NS}}}g"
_DECIMAL = re.compile(r"-?\d+\.\d+")
_PATH_COMMAND = re.compile(r"\s*([MLHVCSQTAZmlhvcsqtaz])\s*")
_NO_ROTATION = re.compile(r"\s*rotate\(\s*-?0(?:\.0*)?(?:[\s,][^)]*)?\)\s*")
_COORDINATES = {"x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points", "transform"}


def _hundredths(text: str) -> str:
    """Numbers to 0.01 of a pixel (matplotlib writes six places; the chart is 374 px wide)."""
    def short(match: re.Match) -> str:
        number = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
        return "0" if number == "-0" else number
    return _DECIMAL.sub(short, text)


def _compact(svg: str) -> str:
    """matplotlib's SVG drawn the same in a third fewer bytes: groups lose their ids (the same in
    each chart, so duplicates on a page; nothing refers to them) and, left bare, give way to their
    children; indentation, six-decimal numbers, spaced-out path data and styles and `rotate(-0 …)` go."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(re.sub(r">\s+<", "><", svg))  # no indentation

    def tidy(element: ET.Element) -> None:
        children = []
        for child in element:
            tidy(child)
            if child.tag == _GROUP:
                child.attrib.pop("id", None)
                if not child.attrib:
                    children.extend(child)
                    continue
            children.append(child)
        element[:] = children
        if "d" in element.attrib:
            element.set("d", _PATH_COMMAND.sub(r"\1", " ".join(_hundredths(element.get("d")).split())))
        for name in _COORDINATES & element.attrib.keys():
            element.set(name, _hundredths(element.get(name)))
        if _NO_ROTATION.fullmatch(element.get("transform", "x")):
            del element.attrib["transform"]
        if "style" in element.attrib:
            rules = (re.sub(r"\s*:\s*", ":", rule.strip(), count=1) for rule in element.get("style").split(";"))
            element.set("style", ";".join(rule for rule in rules if rule))

    tidy(root)
    return ET.tostring(root, encoding="unicode")


@lru_cache(maxsize=64)
def chart_svg(chart: Chart) -> str:
    """The chart as cleaned inline SVG, drawn once a process for the same data (`mkdocs serve` rebuilds)."""
    svg = _compact(_draw(chart))  # parsed and written again: matplotlib's XML declaration and doctype go
    svg = svg.replace(INK, "currentColor").replace(GRID, "var(--chart-grid)")
    for n, colour in enumerate(SERIES, start=1):
        svg = svg.replace(colour, f"var(--chart-{n})")
    svg = svg.replace("'DejaVu Sans'", "var(--md-text-font-family, sans-serif)").replace('"DejaVu Sans"', "sans-serif")
    # No width or height: CSS sets them, the viewBox keeps the proportions; a title and a description added
    title, desc = f"figure-{chart.id}-title", f"figure-{chart.id}-desc"
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"([^>]*)>', lambda m: (
        f'<svg{m[1]}{m[2]} role="img" aria-labelledby="{title}" aria-describedby="{desc}" focusable="false">'
        f'<title id="{title}">{md_escape(chart.caption)}</title>'
        f'<desc id="{desc}">{md_escape(chart.description())}</desc>'),
        svg, count=1)
    return svg.strip()


# --- The macro --------------------------------------------------------------------------------

def download_path(chart_id: str) -> str:
    return f"{DOWNLOADS}/{chart_id}.csv"


def render_chart(site: Site, page: PageState, name: str) -> str:
    if name not in CHARTS:
        raise ValueError(f"{page.where}: unknown chart {name!r}; known charts: {', '.join(CHARTS)}")
    chart = build_chart(site, name)
    page.charts += 1
    return render("chart.md", chart=chart, number=page.charts, svg=chart_svg(chart),
                  source_line=source_line(site, page, chart.sources, chart.notes),
                  download=page.link(download_path(chart.id)))

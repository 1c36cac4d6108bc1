"""Measure the two ways of drawing the site's charts at build time: matplotlib (what macros/charts.py
uses) and altair + vl-convert-python (not a dependency; run this with an interpreter that has it).

    .venv/bin/python bench/chart_bench.py matplotlib
    /path/to/other/python bench/chart_bench.py altair

Each run is a fresh process, so the time includes importing the library. It draws the same four
charts from the same Chart objects and prints seconds and SVG bytes (as inlined in the page).

Measured (altair 6.3.0 + vl-convert-python 1.9.0, fresh process each, 2 cores; times include
Python start, loading data/ and importing the library): matplotlib 1.01-1.08 s and 27.5 KB of
inline SVG in all (7.3 + 4.7 + 11.1 + 4.4 KB); altair 1.38-1.46 s and 35.3 KB before any clean-up,
plus 94 MB of new dependencies (vl-convert bundles a JavaScript engine) and colours that need the
same post-processing to follow the site's palettes. matplotlib is already pinned, so it was kept."""
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def charts():
    from macros import charts as mc
    from macros.site import Site
    site = Site.load(ROOT / "data")
    return site, [mc.build_chart(site, n) for n in mc.CHARTS]


def with_matplotlib():
    from macros import charts as mc
    site, cs = charts()
    return [mc.chart_svg(c) for c in cs]


def with_altair():
    import altair as alt
    import vl_convert as vlc
    _, cs = charts()
    out = []
    for c in cs:
        rows = [{"row": label, "series": s, "value": float(v), "label": c.bar_label(v)}
                for label, vals in c.rows for s, v in zip(c.series, vals) if v is not None]
        base = alt.Chart(alt.Data(values=rows)).encode(
            y=alt.Y("row:N", sort=None, title=None), x=alt.X("value:Q", axis=None, stack="zero" if c.stacked else None),
            color=alt.Color("series:N", legend=alt.Legend(orient="top", title=None)))
        if not c.stacked:
            base = base.encode(yOffset="series:N")
        chart = (base.mark_bar() + base.mark_text(align="left", dx=3).encode(text="label:N")).properties(
            width=420, title=c.caption).configure(background="transparent")
        out.append(vlc.vegalite_to_svg(chart.to_json()))
    return out


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "matplotlib"
    svgs = {"matplotlib": with_matplotlib, "altair": with_altair}[which]()
    print(f"{which}: {time.perf_counter() - T0:.2f} s for {len(svgs)} charts (import included), "
          f"SVG {sum(len(s.encode()) for s in svgs)} bytes: {[len(s.encode()) for s in svgs]}")

"""The labelled boxes (admonitions, `!!! fact "Reported fact"`) a page sorts its statements into,
and the rule that keeps their labels true: a "Reported fact" rests on a source other than the
brief; what only the brief supports is "What the brief reports". Checked on a page's Markdown
after the macros ran, when every note is a footnote reference `[^id]`."""
import re
from html import escape

from .errors import DataError

# kind -> (the title a box of that kind carries, what it holds: the legend's line)
KINDS = {
    "fact": ("Reported fact",
             "What happened, who said what, and official figures, each resting on at least one "
             "source other than the brief: a report of the event, an official count, a document."),
    "brief": ("What the brief reports",
              "A statement of fact that only the brief supports so far: no independent source was "
              "found for it. It is the brief's account, not checked elsewhere."),
    "analysis": ("The brief's analysis (Deepika Saraswat)",
                 "The brief author's interpretations and judgements, attributed to her."),
    "outlook": ("Outlook", "Expectations and forecasts: what may happen, not what has."),
}

# Every way Python-Markdown opens a box: admonition's `!!!` and pymdownx.details' `???` and
# `???+` (folded), the space before the kind optional, any case (the kind is its lower case),
# more classes after it, any spaces before the title. The kind is the first class.
BOX = re.compile(r'^(?:!!!|\?\?\?\+?) ?([\w-]+)(?: +[\w-]+)*(?: +"([^"\n]*)")?[ \t]*\n((?:[ \t]*\n|    .*\n?)*)', re.M)
NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def _opening(body: str) -> str:
    text = re.sub(r"\[\^[^\]]+\]|<[^>]+>|\{\{.*?\}\}|\{:[^}]*\}", "", " ".join(body.split()))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link: its words only
    return text[:60] + ("…" if len(text) > 60 else "")


def check_labels(markdown: str, where: str, brief_ids: set[str]) -> None:
    """Stop the build on a box whose label would mislead: a fact box that rests on the brief
    alone, or a statement box whose title is not its kind's."""
    for n, (kind, title, body) in enumerate((m.groups("") for m in BOX.finditer(markdown)), start=1):
        kind = kind.lower()
        if kind not in KINDS:
            continue  # "Checking the brief" notes and "Since then" are not statement kinds
        box = f'box {n} ({kind}: "{_opening(body)}")'
        if title != KINDS[kind][0]:
            raise DataError(where, box, f"a {kind} box is titled {title!r}; its title is {KINDS[kind][0]!r}")
        if kind == "fact":
            notes = set(NOTE_REF.findall(body))
            if notes <= brief_ids:
                raise DataError(where, box, "a 'Reported fact' box rests on the brief alone: cite a source other "
                                            "than the brief, or make it a 'What the brief reports' box (!!! brief)")


def box_legend(site=None, page=None) -> str:
    """The legend of the statement kinds, as boxes styled like the ones on the pages. HTML, not
    `!!!` Markdown: a legend entry states what a kind means, so it carries no note."""
    return "\n".join(f'<div class="admonition {kind} legend"><p class="admonition-title">{escape(title)}</p>'
                     f"<p>{escape(meaning)}</p></div>" for kind, (title, meaning) in KINDS.items())

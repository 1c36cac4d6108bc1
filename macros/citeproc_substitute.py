"""citeproc-py's cs:substitute, made to suppress what it substitutes, as CSL 1.0.2 requires.

The spec: "Substituted variables are suppressed in the rest of the output to prevent
duplication." citeproc-py 0.11 suppresses only a variable named on the substituting element
itself. Cite Them Right substitutes a missing author through a cs:choose (the newspaper's name)
or a macro (the title), so an unsigned article printed its newspaper twice ("Tehran Times (2024)
'…', Tehran Times, 25 June") and an X post its title twice. Here every variable that renders
while a substitute renders is suppressed for the rest of the reference.
"""
from citeproc import model

_render = model.Substitute.render
_variable = model.Text._variable


def _recording_variable(self, item, context):
    text = _variable(self, item, context)
    rendered = getattr(context.get_layout(), "substituted", None)
    if rendered is not None and text:
        rendered.append((self.tag, self.get("variable")))
    return text


def _suppressing_render(self, item, context=None, **kwargs):
    layout = context.get_layout()
    outer, layout.substituted = getattr(layout, "substituted", None), []
    try:
        text = _render(self, item, context=context, **kwargs)
        rendered = layout.substituted
    finally:
        layout.substituted = outer
    if outer is not None:               # a substitute inside a substitute: both suppress it
        outer.extend(rendered)
    if text:
        for tag, variable in rendered:
            layout.repressed.setdefault(tag, []).append(variable)
    return text


def install() -> None:
    """Idempotent: patch citeproc-py's Substitute and Text once per process."""
    if model.Substitute.render is not _suppressing_render:
        model.Substitute.render = _suppressing_render
        model.Text._variable = _recording_variable

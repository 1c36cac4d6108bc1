"""macros/residue.residue: what in a page's HTML would show a reader template text or a
missing value. The build stops on any of it (tests/test_bad_inputs.py builds pages that do)."""
from __future__ import annotations

import pytest

from macros.residue import residue

CLEAN = """<h1 id="x">Results</h1>
<p>None of the six candidates won a majority (no banana republic); turnout was <span class="fig">39.92 %</span>.</p>
<table><tbody><tr><th scope="row">Pezeshkian</th><td class="num">10,415,991</td></tr></tbody></table>
<pre><code>{{ fig("pres-2024-r1.turnout") }}</code></pre>
<p>Write <code>{% raw %}</code> to show a brace; a value of <code>nan</code> stops the build.</p>
<p>Q&amp;A on Iran&#39;s vote; <a href="https://example.org/?a=1&amp;b=2">a link</a>.</p>
<svg><style>*{stroke-linejoin: round}}</style></svg>"""


def test_a_clean_page_has_no_residue():
    # English "None of", and braces inside code, pre and style, are what they should be
    assert residue(CLEAN) == []


@pytest.mark.parametrize("html,expected", [
    ('<p>Turnout was {{ fig("turnout") }}.</p>', "template text '{{ fig(\"turnout\") }}'"),
    ("<p>{% if x %}shown{% endif %}</p>", "template text '{% if x %}'"),
    ("<p>a stray }} brace</p>", "template text '}}'"),
    ('<abbr title="{{ term }}">JCPOA</abbr>', "template text '{{ term }}'"),
    ("<p>Turnout was nan %.</p>", "not a number 'nan'"),
    ("<p>Turnout was <span>None</span>.</p>", "missing value shown as 'None'"),
    # cite() and person() inside a raw <div>: Markdown never read what they wrote
    ("<div><p>He withdrew.[^saraswat2024]</p></div>", "Markdown left unread '[^saraswat2024]'"),
    ('<div>[Saeed Jalili](people.md#jalili){: .entry-link .person-link }</div>',
     "Markdown left unread '](people.md#jalili){: .entry-link .person-link }'"),
    ('<table><tr><td class="num">undefined</td></tr></table>', "missing value shown as 'undefined'"),
    ('<table><tr><td class="num"> </td></tr></table>', "empty table cell"),
    ('<table><tr><th scope="row"></th><td>1</td></tr></table>', "empty table cell"),
    ("<h2>Baraye Iran (&amp;#39;For Iran&amp;#39;)</h2>", "escaped twice, shown as '&#39;'"),
    ('<abbr title="Iran&amp;#x27;s parliament">Majlis</abbr>', "escaped twice, shown as '&#x27;'"),
    ("<p>Q&amp;amp;A</p>", "escaped twice, shown as '&amp;'"),
    # a data value's braces are written as character references (macros/markdown_text.py)
    ("<p>A heart surgeon &#123;&#123; of &#125;&#125; Azeri</p>", "template text '{{ of }}'"),
    ("<p>&lbrace;% if x %&rbrace;</p>", "template text '{% if x %}'"),
    ("<p>a stray &#x7D;&#x7d; brace</p>", "template text '}}'"),
])
def test_residue_is_found_and_named(html, expected):
    found = residue(html)
    assert any(expected in f for f in found), found


def test_each_find_says_where_in_the_text_it_is():
    found = residue("<p>Pezeshkian won {{ fig('x') }} of the vote.</p>")
    assert found == ["template text \"{{ fig('x') }}\" after “Pezeshkian won”"], found

"""macros/print_page.py: the linear replacement of print-site's anchor rewriting gives the plugin's
own result; the page's contents are built at build time and its heavy features are off."""
import re
from html import unescape
from pathlib import Path

import pytest

from mkdocs_print_site_plugin.urls import fix_href_links as plugin_hrefs
from mkdocs_print_site_plugin.urls import update_anchor_ids as plugin_version



def load_hook():
    # The module replaces the plugin's functions when imported; the originals were imported above.
    from macros import print_page
    return print_page


ID = re.compile(r'<([a-z0-9]+)\b[^>]*?\bid="([^"]*)"')


def test_anchor_rewrite_keeps_the_plugins_result_and_adds_the_footnote_ids_it_missed(built_site):
    # Every id the plugin rewrites is rewritten the same way; the only others are footnote ids
    # on <sup>/<li> that follow another tag on their line, which the plugin's regex skips and
    # which then repeat once per page on the print page.
    hook = load_hook()
    pages = sorted(p for p in built_site.rglob("*.html") if p.parent.name != "print_page")  # input, not output
    assert len(pages) > 15
    extra = paragraphs = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ours, theirs = ID.findall(hook.update_anchor_ids(html, "pg")), ID.findall(plugin_version(html, "pg"))
        assert len(ours) == len(theirs), page
        for (tag, mine), (_, plugin) in zip(ours, theirs):
            if mine != plugin:
                # and the ids of paragraphs, which pages link to (an event, a comparison's caption)
                # and the plugin's links are rewritten to reach
                # (minified pages put several tags on a line: a heading after another tag too)
                assert (tag in ("sup", "li") and re.match(r"(fnref\d*|fn):", plugin) or tag == "p") and mine == "pg-" + plugin, (page, mine, plugin)
                extra += 1
                paragraphs += tag == "p"
    assert extra > 0 and paragraphs > 0  # the built pages have both: the cases are exercised


def test_links_are_rewritten_by_the_plugins_rules_one_at_a_time():
    hook = load_hook()
    html = '<a href="#intro">Intro</a> <a class="x" href="../results/#table-1">T</a> <a href="https://e.org">E</a>'
    assert hook.fix_href_links(html, "pg", "people/", True) == plugin_hrefs(html, "pg", "people/", True)


def test_a_rewritten_link_is_not_rewritten_again():
    # The plugin replaces every copy of each original link text in the whole page, so a link
    # to the page "reformists/" (made "#reformists") is caught again by the later rewrite of an
    # in-page "#reformists" anchor and points inside this page. One pass rewrites each once.
    hook = load_hook()
    html = '<a href="../reformists/">page</a> <a href="#reformists">section</a>'
    out = hook.fix_href_links(html, "factions", "factions/", True)
    assert out == '<a href="#reformists">page</a> <a href="#factions-reformists">section</a>'
    assert plugin_hrefs(html, "factions", "factions/", True).count("#factions-reformists") == 2


def test_a_link_to_the_home_page_leads_to_its_section():
    # the plugin keys "../" from "whats-new/" as ".": a link to "#." (What's new links Overview)
    hook = load_hook()
    html = '<a href="../">Overview</a> <a href="../#key-takeaways">takeaways</a> <a href="../results/">R</a>'
    assert plugin_hrefs(html, "whats-new", "whats-new/", True).startswith('<a href="#.">')
    out = hook.fix_href_links(html, "whats-new", "whats-new/", True)
    assert out == '<a href="#index">Overview</a> <a href="#index-key-takeaways">takeaways</a> <a href="#results">R</a>'


def test_it_prefixes_heading_ids_and_leaves_others():
    hook = load_hook()
    html = '<h2 id="a">A</h2>\n<li id="fn:x">note</li>\n<div id="keep"></div>'
    out = hook.update_anchor_ids(html, "page")
    assert 'id="page-a"' in out and 'id="page-fn:x"' in out and 'id="keep"' in out
    assert out == plugin_version(html, "page")


# --- after print-site wrote the page -----------------------------------------------------------

def load_light_hook():
    from macros import print_page
    return print_page


def test_print_page_contents_are_built_once_and_not_by_script(built_site):
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "generate_toc()" not in html
    toc = html[html.index("class='print-page-toc-nav'>"):]
    toc = toc[:toc.index("</nav>\n            </div>")]
    links = re.findall(r'href="(#[^"]+)"', toc)
    assert len(links) > 20 and len(set(links)) == len(links)
    for anchor in links:                       # every entry leads to an id on the page
        assert re.search(rf"""id=["']{re.escape(anchor[1:])}["']""", html), anchor


def test_no_page_keeps_a_back_link_marker_and_the_print_page_links_its_own_sections(built_site):
    # print-site takes each page's HTML before the "cited on" / "mentioned on" lists are filled
    # in: they were left empty on the print page, 326 of them.
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert "<!--backlinks:" not in page.read_text(encoding="utf-8"), page
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    lists = re.findall(r'class="backlinks"[^>]*>(?:Mentioned|Cited) on: (.*?)</(?:p|span)>', html, re.S)
    assert len(lists) > 300
    targets = [t for one in lists for t in re.findall(r'href="([^"]*)"', one)]
    assert len(targets) > len(lists)
    for target in set(targets):                 # a section of this page, not another page
        assert target.startswith("#") and f'<section class="print-page" id="{target[1:]}"' in html, target
    # a section never lists itself: People's entries were mentioned on other pages, not People
    people = html[html.index('<section class="print-page" id="people"'):]
    people = people[:people.index('<section class="print-page"', 10)]
    assert 'Mentioned on: <a href="#people"' not in people and ', <a href="#people">' not in people


def test_print_page_notes_are_short_and_lead_to_the_full_reference_in_its_sources_sections(built_site, site):
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<li id="([a-z0-9-]+)-fn:([^"]+)">\s*<p><a class="to-sources" href="#([^"]+)">(.*?)</a>', html, re.S)
    assert len(notes) == len(re.findall(r'<li id="[^"]*-fn:', html)) > 500   # every note
    listed = {}
    for name in ("sources", "sources-after"):      # each full reference as its Sources page gives it
        page = (built_site / name / "index.html").read_text(encoding="utf-8")
        listed.update(re.findall(r'<li id="src-([^"]+)">(.*?)<br>', page, re.S))
    for section, sid, target, text in notes:
        assert target.endswith(f"src-{sid}") and f'<li id="{target}">' in html, (section, sid)
        entry = html[html.index(f'<li id="{target}">'):]
        full = re.sub(r"<[^>]+>", "", entry[:entry.index("<br>")])
        assert full.endswith(re.sub(r"<[^>]+>", "", listed[sid])) and len(full) > 40, sid   # the full reference
        assert site.bib.get(sid)["issued"][:4] in text and "http" not in text, text         # the note is short
    one = re.search(r'<li id="index-fn:saraswat2024">(.*?)</li>', html, re.S).group(1)
    assert "Saraswat (2024) <i>Pezeshkian&#39;s Victory" in one and "idsa.in" not in one


def test_a_short_note_escapes_its_data_and_names_who_published_an_unsigned_piece():
    from macros.citations import short_note
    unsigned = {"container-title": "A & B <News>", "title": "Title <b>", "issued": "2025-01-02"}
    assert short_note(unsigned) == "<i>A &amp; B &lt;News&gt;</i> (2025) “Title &lt;b&gt;”"
    report = {"author": [{"family": "Saraswat", "given": "D."}], "title": "Victory", "issued": "2024"}
    assert short_note(report) == "Saraswat (2024) <i>Victory</i>"
    three = {"author": [{"family": "A"}, {"literal": "B"}, {"family": "C"}], "container-title": "J", "title": "T",
             "issued": "2020"}
    assert short_note(three) == "A et al. (2020) “T”"
    assert short_note({**three, "author": three["author"][:2]}).startswith("A and B (2020)")
    # no author and no outlet: the year leads, never an empty name
    assert short_note({"title": "Decree", "issued": "2024-07-28"}) == "(2024) <i>Decree</i>"


def test_the_print_page_mending_names_what_it_cannot_find(tmp_path):
    from mkdocs.exceptions import PluginError
    hook = load_light_hook()
    page = tmp_path / "print_page.html"
    with pytest.raises(PluginError, match=r"print_page\.html: expected one generate_toc\(\); call, found 0"):
        hook.with_contents_built("<html><nav class='print-page-toc-nav'></nav></html>", page)
    with pytest.raises(PluginError, match="no table of contents in the secondary sidebar"):
        hook.with_contents_built("<nav class='print-page-toc-nav'></nav><script>generate_toc();</script>", page)
    with pytest.raises(PluginError, match="no notes with an 'All pages citing it' link"):
        hook.with_short_notes('<li id="a-fn:x"><p>Ref.</p></li>', page, None)
    with pytest.raises(PluginError, match=r"print_page\.html: no <section class=\"print-page\" id=\.\.\.>"):
        hook.with_section_sizes("<article><section class='print-page'></section></article>", page)
    with pytest.raises(PluginError, match="not inside an <article>"):
        hook.with_section_sizes('<section class="print-page" id="a">x</section>', page)


def test_each_print_page_section_is_sized_by_its_own_text():
    hook = load_light_hook()
    short, long = "<p>a few words &amp; one</p>", "<p>" + "many words " * 400 + "</p>"
    html = (f'<article><section class="print-page" id="a" data-x="1">{short}</section>\n'
            f'<section class="print-page" id="b">{long}</section></article>')
    out = hook.with_section_sizes(html, Path("p.html"))
    sizes = [int(h) for h in re.findall(r'<section class="print-page" id="\w"[^>]* style="--print-section-height: (\d+)px">', out)]
    assert len(sizes) == 2 and sizes[0] < sizes[1]
    assert sizes[1] >= hook.PX_PER_CHAR * len("many words " * 400)   # markup is not counted as text
    assert sizes[0] == hook.estimated_height(short) and hook.estimated_height(short) <= hook.PX_FIXED + 100
    assert re.sub(r' style="[^"]*"', "", out) == html                 # nothing else changes


def test_built_print_page_sections_all_carry_a_size(built_site):
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<section class="print-page" id="[^"]+"[^>]*>', html)
    assert len(tags) > 15 and all("--print-section-height:" in t for t in tags)


def test_print_site_still_renders_its_page_with_the_themes_get_env():
    """macros/print_page.py hands print-site the theme environment MkDocs built by replacing
    config.theme.get_env: if the plugin renders its page some other way, that speed-up is dead
    code or wrong, and this says so."""
    import inspect

    from mkdocs_print_site_plugin.plugin import PrintSitePlugin
    source = inspect.getsource(PrintSitePlugin.on_post_build)
    assert 'config["theme"].get_env()' in source and 'get_template("main.html")' in source


def test_print_page_alone_loads_none_of_materials_script(built_site):
    """The whole site in one document: Material's first reads of the layout laid all of it out at
    load (overrides/main.html, marked by print_page.prepare). Print-site's own script stays."""
    bundle = re.compile(r'<script\b[^>]* src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert not bundle.search(html) and "search-fuzzy" not in html and 'js/print-site.js"' in html
    for name in ("index.html", "results/index.html", "people/index.html"):
        assert bundle.search((built_site / name).read_text(encoding="utf-8")), name


def test_a_content_pages_scripts_are_deferred_and_keep_their_order(built_site):
    # Parser-blocking at the end of the body they held the first paint back (overrides/main.html).
    # search-fuzzy wraps the Worker that Material's bundle starts, so it must run before it.
    for name in ("index.html", "results/index.html", "people/index.html", "404.html"):
        tags = re.findall(r"<script\b([^>]*) src=\"([^\"]+)\"", (built_site / name).read_text(encoding="utf-8"))
        body = [(attrs, src.rsplit("/", 1)[-1]) for attrs, src in tags if "iframe-worker" not in src]
        assert [src.split(".")[0] for _, src in body][:3] == ["search-rules", "search-fuzzy", "bundle"], (name, body)
        assert all("defer" in attrs for attrs, _ in body), (name, body)


def test_print_page_marks_each_term_once_as_a_book_defines_it_once(built_site):
    # Other pages mark a term once a section, for a reader arriving there from search; search
    # leaves the print page out, and 272 tooltips were 48 KB of its HTML.
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    terms = [unescape(re.sub(r"<[^>]+>", "", t)).casefold() for t in re.findall(r"<abbr\b[^>]*>(.*?)</abbr>", html, re.S)]
    assert len(terms) == len(set(terms)) > 20, [t for t in terms if terms.count(t) > 1]
    assert 'class="search-variants"' not in html

"""The print-all page (mkdocs-print-site-plugin 2.9), mended and lightened, before print-site
renders it and after it wrote it (macros/hooks.py). Markup it expects and cannot find stops the
build, named, rather than silently doing nothing."""
import re
from pathlib import Path

import mkdocs_print_site_plugin.urls as print_urls
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import page_html
from .citations import short_note
from .markers import BACKLINKS, SEARCH_VARIANTS
from .site import Site, print_site


# --- Before print-site renders the page ------------------------------------------------------

# print-site rewrites links and ids with one page-wide replace() per match: quadratic in a page's
# length, and a link rewritten into the text of a later match was rewritten twice. These make one
# pass and hand each match, alone, to the plugin's own function, so the rules stay the plugin's.
_plugin_fix_href_links = print_urls.fix_href_links
_plugin_update_anchor_ids = print_urls.update_anchor_ids
_HREF = re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE)   # the plugin's regex
# The plugin's id regex lets `.*?` run past the end of a tag (slow, and it missed an id after
# another tag on the same line); this one stays in one tag.
_ID_TAG = re.compile(r"<([^\s>]+)[^>]*?id=\"([^\"]*?)\"[^>]*>", flags=re.IGNORECASE)
# The plugin keys a link by the path it resolves to: with directory URLs the home page ("../")
# became "#.", where its section is "#index".
_TO_HOME = 'href="#."'


def fix_href_links(page_html, page_key, page_url, directory_urls=False):
    return _HREF.sub(lambda m: _plugin_fix_href_links(m.group(0), page_key, page_url, directory_urls)
                     .replace(_TO_HOME, 'href="#index"'), page_html)


def update_anchor_ids(page_html, page_key):
    return _ID_TAG.sub(lambda m: _prefixed_id(m, page_key), page_html)


def _prefixed_id(m: re.Match, page_key: str) -> str:
    # The plugin renames the ids of headings, notes and list items only, but rewrites every
    # in-page link: a link to an event of the Timeline or the chronology (a <p>) pointed nowhere.
    if m.group(1).lower() == "p":
        return m.group(0).replace(f'id="{m.group(2)}"', f'id="{page_key}-{m.group(2)}"', 1)
    return _plugin_update_anchor_ids(m.group(0), page_key)


# fix_internal_links() looks both names up in the plugin's urls module when it runs.
print_urls.fix_href_links = fix_href_links
print_urls.update_anchor_ids = update_anchor_ids


# print-site adds its stylesheets and script to every page, though only the print page uses them:
# taken out here (after its on_config), put back by prepare() when only the print page is left.
_print_only: dict[str, list] = {"extra_css": [], "extra_javascript": []}


def keep_assets_for_print_page(config, **kwargs):
    for key in _print_only:
        _print_only[key] = [e for e in config[key] if str(e).startswith(("css/print-site", "js/print-site"))]
        config[key] = [e for e in config[key] if e not in _print_only[key]]
    return config


# print-site renders its page in a new `config.theme.get_env()`, compiling every theme template
# again; it is handed the environment MkDocs built instead (issue 28: the rebuild-time goal).
_theme_env = None


def keep_theme_env(env, config, files, **kwargs):
    global _theme_env
    _theme_env = env
    return env


def prepare(config, **kwargs):
    """The print-only assets put back, the theme environment handed over, and a relative base URL
    (the context print-site kept from 404.html has an absolute one, wrong from the offline zip)."""
    plugin = print_site(config)
    if plugin is None or not getattr(plugin, "context", None):
        return
    plugin.context = dict(plugin.context)
    plugin.context["base_url"] = get_relative_url(".", plugin.print_page.url)
    plugin.context["print_all_page"] = True   # overrides/main.html: no Material script there
    for key, entries in _print_only.items():
        config[key] = entries + [e for e in config[key] if e not in entries]
    if _theme_env is not None:
        config.theme.get_env = lambda: _theme_env


# --- After print-site wrote the page --------------------------------------------------------
# The page is the whole site in one document: what follows makes it do less work when it opens.

STYLE_IN_BODY = re.compile(r"(</div>)(<style>.*?</style>)", re.S)


def with_body_class(html: str, path: Path) -> str:
    """The page's <body> classed, for the rules of site.css that apply to it alone (a class, not
    `body:has(#print-site-page)`, which made every page's style work at load longer)."""
    if html.count("<body ") != 1:
        _fail(path, "expected one <body> tag")
    return html.replace("<body ", '<body class="print-all-page" ', 1)


def make_valid(html: str) -> str:
    """`heading-number` on each <section> is not an HTML attribute (renamed), and the <style>
    print-site emits in <body> belongs in <head>."""
    html = re.sub(r"(<section\b[^>]*?)\sheading-number=", r"\1 data-heading-number=", html)
    style = STYLE_IN_BODY.search(html)
    if style:
        html = html[: style.start(2)] + html[style.end(2):]
        html = html.replace("</head>", style.group(2) + "\n</head>", 1)
    return html


UL_TAG = re.compile(r"<ul\b|</ul>")
PAGE_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
# A page's note: its full reference, then the link to the reference's entry on a Sources page
NOTE_REFERENCE = re.compile(r'(<li id="[^"]*fn:([^"]+)">\s*<p>)(?:(?!</li>).)*?'
                            r'(<a class="to-sources" href="[^"]*">)All pages citing it(</a>)', re.S)
# Height per character and per section in CSS px: an upper bound at 320 px wide (measured 1.05)
PX_PER_CHAR = 1.25
PX_FIXED = 800


def _fail(path: Path, what: str):
    raise PluginError(f"{path}: {what} (has mkdocs-print-site-plugin or Material changed its markup?)")


def _sidebar_toc(html: str, path: Path) -> str:
    """The first <ul> of the sidebar's table of contents, as generate_toc() clones it."""
    start = html.find('class="md-sidebar md-sidebar--secondary"')
    ul = html.find("<ul", start) if start >= 0 else -1
    if ul < 0:
        _fail(path, "no table of contents in the secondary sidebar")
    depth = 0
    for m in UL_TAG.finditer(html, ul):
        depth += 1 if m.group(0) == "<ul" else -1
        if depth == 0:
            toc = html[ul:m.end()]
            first_tag_end = toc.index(">")
            # clonedToc.removeAttribute("data-md-component"): on the outer <ul> only
            return toc[:first_tag_end].replace(' data-md-component="toc"', "") + toc[first_tag_end:]
    _fail(path, "the sidebar's table of contents never closes")


def with_contents_built(html: str, path: Path) -> str:
    """The copy of the sidebar's contents that print-site's generate_toc() makes once the page has
    loaded, made at build time: made in the browser, it set Material's observers re-running."""
    call = "generate_toc();"
    if html.count(call) != 1:
        _fail(path, f"expected one {call} call, found {html.count(call)}")
    anchor = html.find("class='print-page-toc-nav'>")
    end = html.find("</nav>", anchor) if anchor >= 0 else -1
    if end < 0:
        _fail(path, "no print-page-toc-nav to put the contents in")
    return (html[:end] + _sidebar_toc(html, path) + "\n" + html[end:]).replace(call, "", 1)


def estimated_height(section_html: str) -> int:
    """A height in px no page section exceeds on a 320 px wide screen, from its visible text."""
    return page_html.height_bound(section_html, 0, PX_PER_CHAR, fixed_px=PX_FIXED, step=100)


def _sections(html: str, path: Path) -> list[tuple[str, int, int]]:
    """Each page's section: its id, where its opening tag ends and where it stops."""
    found = list(PAGE_SECTION.finditer(html))
    if not found:
        _fail(path, "no <section class=\"print-page\" id=...> page sections")
    end = html.find("</article>", found[-1].start())
    if end < 0:
        _fail(path, "the page sections are not inside an <article>")
    stops = [m.start() for m in found[1:]] + [end]
    return [(m.group(1), html.index(">", m.start()), stop) for m, stop in zip(found, stops)]


def with_section_sizes(html: str, path: Path) -> str:
    """Each section is laid out only near the viewport (`content-visibility: auto`, site.css) and
    sized until then by its own estimate, never too low at the narrowest phone width."""
    out, last = [], 0
    for _, tag_end, stop in _sections(html, path):
        height = estimated_height(html[tag_end + 1:stop])
        out += [html[last:tag_end], f' style="--print-section-height: {height}px"']
        last = tag_end
    return "".join(out) + html[last:]


def with_backlinks(html: str, path: Path, site) -> str:
    """The "cited on" and "mentioned on" lists, linking the sections of this page: print-site
    took each page's HTML before macros/page_html.py filled them in."""
    out, last = [], 0
    for key, _, stop in _sections(html, path):
        def href(ref, key=key):
            target = print_urls.get_page_key(ref.url)
            return None if target == key else f"#{target}"
        out.append(BACKLINKS.sub(lambda m: page_html.backlinks(site, m.group(1), m.group(2), href), html[last:stop]))
        last = stop
    return "".join(out) + html[last:]


def with_short_notes(html: str, path: Path, site) -> str:
    """The whole site in one document lists every reference in full in its Sources sections, so
    each section's notes give a short form linked there, as a book's notes do: the full
    references, repeated in every section, were two fifths of the page's compressed weight."""
    def short(m: re.Match) -> str:
        return m.group(1) + m.group(3) + str(short_note(site.bib.get(m.group(2), str(path)))) + m.group(4)

    html, count = NOTE_REFERENCE.subn(short, html)
    if count == 0:
        _fail(path, "no notes with an 'All pages citing it' link")
    return html


def finish(config, **kwargs):
    plugin = print_site(config)
    if plugin is None:
        return
    path = Path(config["site_dir"]) / plugin.print_page.file.dest_uri
    if not path.is_file():
        raise PluginError(f"print page not found at {path}")
    html = with_body_class(make_valid(path.read_text(encoding="utf-8")), path)
    if plugin.config.get("add_table_of_contents"):
        html = with_contents_built(html, path)
    site = Site.of_build(config)
    html = with_short_notes(with_backlinks(html, path, site), path, site)
    # the other spellings serve the search index only, which leaves this page out
    html = page_html.terms_marked_at_first_use(SEARCH_VARIANTS.sub("", html), each_section=False)
    html = with_section_sizes(html, path)
    path.write_text(html, encoding="utf-8")

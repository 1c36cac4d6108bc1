"""MkDocs hook: Material's stylesheets trimmed to the rules this site's pages can use.

Every page loaded Material's main and palette CSS whole (146 KiB raw): rules for admonitions, tabs,
code blocks, versions, every primary colour, and icon variables this site never shows. After the
build, each rule of those two files is kept unless it needs a class that no built page has and
Material's JavaScript never creates, or a palette colour the site does not offer; then custom
properties nothing reads any more are dropped too. The logic of PurgeCSS, kept in Python so that
the build needs no Node (PurgeCSS would also add a Node start to every build); tinycss2 parses.

Conservative by construction, so a rule is never lost that a page could match:
- only classes outside brackets and functions count (`.a :not(.b)` needs `a`, never `b`);
- Material's JavaScript counts with every word of every string in it (not just the classes it
  adds), and a word followed by `${` (`md-tag--${name}`) keeps every class it begins;
- ids, element names and other attributes never remove a rule;
- a word of Material's script stops counting only for a feature of the script that cannot run on
  this site, because what it needs first is on no built page (SCRIPT_FEATURES, each row naming the
  condition in Material's own source): no version selector without a `version` in the theme's
  config, no repository facts without a repository link, no content-tab buttons without content
  tabs, no code annotations or code buttons without highlighted code or their feature, no diagram
  colours without a Mermaid diagram, no tags in search results without tags in the index.
One rule is removed on purpose, not because it cannot match: Material's palette script puts
`data-md-color-switching` on <body> on every page load (and takes it off a frame later), and its
rule (`[data-md-color-switching] *{transition-duration:0s!important}`) makes each of those two
changes restyle every element of the page. On a 4x-throttled phone that was 100-150 ms of blocked
main thread on the Results page (bench/results.md). Without it, a reader who switches between
light and dark sees the theme's own colour transitions (at most 0.25 s) play once.
tests/browser/test_trimmed_css_in_browser.py checks that every element of every page, and of the
drawer, search results, tooltip and back-to-top states, has the same computed style with the
trimmed CSS as with Material's.

The trimmed files keep their names (Material hashes the original content), so a browser holding
one for the same name may use it for as long as the host lets it cache (10 minutes on GitHub
Pages). Their source maps describe the untrimmed files, so they are removed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError

FORK_FROM_PAGES = 200  # below this a fork costs more than it saves
# Plain literal-led patterns: these run over every byte of every page (1.5 MB here, 674 MB at
# 100x content; one alternation of them all was 3x slower). Python-Markdown and Material quote
# attributes with ", mkdocs-print-site-plugin some with '.
CLASS_ATTR = (re.compile(rb'class="([^"]*)"'), re.compile(rb"class='([^']*)'"))
# Palette rules are keyed by attribute value ([data-md-color-primary=indigo]); the values a page
# can take are those its body and palette switches carry.
PALETTE_ATTR = re.compile(rb'data-md-color-(scheme|primary|accent)="([^"]*)"')
# The attribute whose rule is removed on purpose (module docstring): an attribute selector on it
SWITCHING = re.compile(r"\[\s*data-md-color-switching\b")
VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")
# In a page, var(--any) in a style attribute or <style> reads a variable; in a script, every
# mention of a Material variable counts as a read (scripts set them and may read them).
VAR_REF_BYTES = re.compile(rb"var\(\s*(--[\w-]+)")
MATERIAL_VARIABLE = re.compile(rb"--md-[\w-]+")
JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|\'(?:[^\'\\\n]|\\.)*\'')
JS_WORD = re.compile(r"(?<![.#\w-])([A-Za-z][\w-]*)(\$\{)?")
# A search document's tags ("tags": ["…"]; the index's field settings name "tags" with an object)
SEARCH_TAGS = re.compile(r'"tags"\s*:\s*\[')
# Material's theme config, written into every page for its script (features, version, ...)
THEME_CONFIG = re.compile(rb'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _page_class(*names: str):
    return lambda site: any(name in site.classes for name in names)


def _feature(*names: str):
    return lambda site: any(name in site.features for name in names)


def _either(*tests):
    return lambda site: any(test(site) for test in tests)


# Features of Material's script that create classes, or read custom properties, only once a page
# has what they need. Each row: the class and variable prefixes only that feature's code creates or
# reads; whether it can run on this site; what Material's source (9.8, the bundle's source map)
# says, checked by tests/test_css_purge.py so that an upgrade that changes it is noticed.
SCRIPT_FEATURES = {
    "version selector": (("md-version",), lambda site: site.has_version,
                         ['if (config.version?.provider === "mike")']),
    "repository facts": (("md-source",), lambda site: site.has_repository_link,
                         ['...getComponentElements("source")']),
    "content tab buttons": (("tabbed-",), lambda site: site.has_content_tabs,
                            ['getElements("[data-tabs]", el)']),
    "code annotations": (("md-annotation",), _page_class("annotate", "highlight"),
                         ['getElements(".annotate:not(.highlight)", el)', 'el.closest(".highlight")']),
    # copy and select buttons; md-code__content on highlighted code with line anchors
    "code buttons": (("md-code__",), _either(_page_class("highlight", "copy", "select"),
                                             _feature("content.code.copy", "content.code.select")),
                     ['el.closest(".copy") || (\n        feature("content.code.copy")',
                      'el.closest(".select") || (\n        feature("content.code.select")',
                      'getElements(":scope > span[id]", el)']),
    "diagrams": (("mermaid", "--md-mermaid-"), _page_class("mermaid"), ['getElements("pre.mermaid", el)']),
    "tags in search results": (("md-tag",), _either(lambda site: site.search_has_tags, _page_class("md-tag")),
                               ["{document.tags && ("]),
}


class Used:
    """What the built site can match: classes, class prefixes, palette values, variables read."""

    def __init__(self) -> None:
        # (not a dataclass: MkDocs and the tests load hook files outside sys.modules)
        self.classes: set[str] = set()  # on a page
        self.palette: dict[str, set[str]] = {}
        self.variables: set[str] = set()  # read by a page or our stylesheets
        # What the pages give Material's script to work on (SCRIPT_FEATURES)
        self.features: set[str] = set()
        self.has_version = False
        self.has_content_tabs = False
        self.has_repository_link = False
        self.search_has_tags = False
        self.every_feature = False
        # Words of Material's script: classes, class prefixes (`md-tag--${`), variables
        self.script_classes: set[str] = set()
        self.prefixes: set[str] = set()
        self.script_variables: set[str] = set()
        self._idle: tuple[str, ...] | None = None

    def idle_prefixes(self) -> tuple[str, ...]:
        """The prefixes of the script features that cannot run here (read once all is added)."""
        if self._idle is None:
            self._idle = () if self.every_feature else tuple(
                prefix for prefixes, runs, _ in SCRIPT_FEATURES.values() if not runs(self) for prefix in prefixes)
        return self._idle

    def has_class(self, name: str) -> bool:
        if name in self.classes:
            return True
        if name.startswith(self.idle_prefixes()):
            return False
        return name in self.script_classes or any(name.startswith(p) for p in self.prefixes)

    def all_variables(self) -> set[str]:
        idle = self.idle_prefixes()
        return self.variables | {v for v in self.script_variables if not v.startswith(idle)}

    def add_html(self, html: bytes) -> None:
        # set() first: a page repeats a few hundred values many thousand times (the navigation).
        for pattern in CLASS_ATTR:
            for value in set(pattern.findall(html)):
                self.classes.update(value.decode("utf-8", "replace").split())
        # The palette's attributes are on <body> and the header's switches, before the page.
        top = html.find(b'class="md-container"')
        for name, value in set(PALETTE_ATTR.findall(html, 0, top if top > 0 else len(html))):
            self.palette.setdefault(f"data-md-color-{name.decode()}", set()).add(value.decode())
        self.variables.update(v.decode() for v in set(VAR_REF_BYTES.findall(html)))
        self.has_content_tabs = self.has_content_tabs or b"data-tabs=" in html
        self.has_repository_link = self.has_repository_link or b'data-md-component="source"' in html
        config = THEME_CONFIG.search(html, 0, top if top > 0 else len(html))
        if config:
            try:
                theme = json.loads(config.group(1))
            except ValueError:
                theme = None
            if isinstance(theme, dict):
                self.features.update(theme.get("features") or ())
                self.has_version = self.has_version or bool(theme.get("version"))
            else:  # not the config Material writes: any feature may run
                self.every_feature = True
        self._idle = None

    # What pages tell (add_html), as plain data: a forked reader sends it back through a pipe
    PAGE_FACTS = ("classes", "palette", "variables", "features", "has_version", "has_content_tabs",
                  "has_repository_link", "every_feature")

    def merge(self, other: "Used") -> None:
        for name in self.PAGE_FACTS:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, bool):
                setattr(self, name, mine or theirs)
            elif isinstance(mine, dict):
                for key, values in theirs.items():
                    mine.setdefault(key, set()).update(values)
            else:
                mine |= theirs
        self._idle = None

    def page_facts(self) -> dict:
        return {name: getattr(self, name) for name in self.PAGE_FACTS}

    @classmethod
    def from_page_facts(cls, facts: dict) -> "Used":
        used = cls()
        for name in cls.PAGE_FACTS:
            setattr(used, name, facts[name])
        return used

    def add_javascript(self, js: str) -> None:
        for literal in JS_STRING.findall(js):
            for word, template in JS_WORD.findall(literal[1:-1]):
                (self.prefixes if template else self.script_classes).add(word)
        self.script_variables.update(v.decode() for v in MATERIAL_VARIABLE.findall(js.encode()))
        self._idle = None

    def add_search_index(self, text: str) -> None:
        self.search_has_tags = self.search_has_tags or bool(SEARCH_TAGS.search(text))
        self._idle = None

    def add_stylesheet_references(self, css: str) -> None:
        self.variables.update(VAR_REF.findall(css))


# --- The stylesheet as plain data (cached): nodes are
#   ["rule", [[selector, [classes], [[attribute, value], ...]], ...], [[property, text], ...]]
#   ["group", "@media …", [nodes]]   and   ["raw", text]

def _split_selectors(prelude) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _requirements(selector) -> tuple[list[str], list[list[str]]]:
    classes, palette = [], []
    for before, token in zip([None, *selector], selector):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            classes.append(token.value)
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if (len(parts) == 3 and parts[0].type == "ident" and parts[0].value.startswith("data-md-color-")
                    and parts[1].type == "literal" and parts[1].value == "="
                    and parts[2].type in ("ident", "string")):
                palette.append([parts[0].value, parts[2].value])
    return classes, palette


def _check(node) -> None:
    """A CSS syntax error stops the build (a trimmed file must not hide a broken one)."""
    errors = [node] if node.type == "error" else [t for t in getattr(node, "prelude", None) or () if t.type == "error"]
    if errors:
        raise ValueError(f"CSS syntax error at line {errors[0].source_line}, column "
                         f"{errors[0].source_column}: {errors[0].message}")


def _model(nodes) -> list:
    model = []
    for node in nodes:
        _check(node)
        if node.type == "qualified-rule":
            selectors = [[tinycss2.serialize(s).strip(), *_requirements(s)] for s in _split_selectors(node.prelude)]
            declarations = []
            for item in tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True):
                _check(item)
                # Anything but a declaration (a nested rule) is kept as it is: name "".
                name = item.lower_name if item.type == "declaration" else ""
                if item.type == "declaration" and item.name.startswith("--"):
                    name = item.name  # custom properties are case-sensitive
                declarations.append([name, item.serialize()])
            model.append(["rule", selectors, declarations])
        elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
            children = tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True)
            model.append(["group", f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", _model(children)])
        elif node.type == "at-rule":
            model.append(["raw", node.serialize()])
    return model


def parse(css: str) -> list:
    return _model(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


# --- Trimming

def _keep_selectors(selectors, used: Used) -> list[str]:
    return [text for text, classes, palette in selectors
            if not SWITCHING.search(text)
            and all(used.has_class(c) for c in classes)
            and all(value in used.palette.get(attribute, ()) for attribute, value in palette)]


def _kept_rules(model, used: Used) -> list:
    """The model with unmatchable selectors (and rules left with none) removed."""
    kept = []
    for node in model:
        if node[0] == "rule":
            selectors = _keep_selectors(node[1], used)
            if selectors:
                kept.append(["rule", selectors, node[2]])
        elif node[0] == "group":
            children = _kept_rules(node[2], used)
            if children:
                kept.append(["group", node[1], children])
        else:
            kept.append(node)
    return kept


def _declarations(model):
    for node in model:
        if node[0] == "rule":
            yield from node[2]
        elif node[0] == "group":
            yield from _declarations(node[2])
        else:
            yield "", node[1]


def _variables_read(models, used: Used) -> set[str]:
    """Custom properties read by a kept declaration, followed through the ones they read."""
    read = used.all_variables()
    defined: dict[str, set[str]] = {}
    for model in models:
        for name, text in _declarations(model):
            if name.startswith("--"):
                defined.setdefault(name, set()).update(VAR_REF.findall(text.split(":", 1)[1]))
            else:
                read.update(VAR_REF.findall(text))
    queue = list(read)
    while queue:
        for reference in defined.get(queue.pop(), ()):
            if reference not in read:
                read.add(reference)
                queue.append(reference)
    return read


def _text(model, read: set[str]) -> str:
    out = []
    for node in model:
        if node[0] == "rule":
            body = ";".join(text for name, text in node[2] if not name.startswith("--") or name in read)
            if body:
                out.append(f"{','.join(node[1])}{{{body}}}")
        elif node[0] == "group":
            inner = _text(node[2], read)
            if inner:
                out.append(f"{node[1]}{{{inner}}}")
        else:
            out.append(node[1])
    return "".join(out)


def purge(models: list[list], used: Used) -> list[str]:
    """The text of each stylesheet, trimmed together: a variable one file defines, another may read."""
    kept = [_kept_rules(model, used) for model in models]
    read = _variables_read(kept, used)
    return [_text(model, read) for model in kept]


# --- The hook

def _cached_model(css: str, cache: Path) -> list:
    # The macros package is imported by mkdocs-macros before any post_build; a hook file itself
    # is loaded from a directory that need not be on sys.path, hence the import here.
    from macros import disk_cache
    path = disk_cache.entry(cache, "stylesheet", ".json", parts=[css], code=__file__, library="tinycss2")
    return json.loads(disk_cache.read_or_make(path, lambda: json.dumps(parse(css))))


def _used_by_pages(pages: list[Path]) -> Used:
    used = Used()
    for page in pages:
        used.add_html(page.read_bytes())
    return used


def _used_by_pages_on_two_cores(pages: list[Path]) -> Used:
    """Reading every page is most of this hook's time on a big site (the navigation makes the
    HTML grow as pages squared: 674 MB at 100x content). Half the pages go to a forked process
    when forking is safe (macros/processes.py); any failure there is read again here."""
    from macros import processes  # (imported here, as in _cached_model)
    context = processes.fork_context() if len(pages) >= FORK_FROM_PAGES else None
    if context is None:
        return _used_by_pages(pages)
    theirs, ours = pages[::2], pages[1::2]
    receive, send = context.Pipe(duplex=False)

    def child():
        found = _used_by_pages(theirs)
        send.send(found.page_facts())
        send.close()

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    other = None
    try:
        used = _used_by_pages(ours)
        try:
            other = Used.from_page_facts(receive.recv())
        except (EOFError, OSError):  # the child failed: read its pages here, raising its error
            other = _used_by_pages(theirs)
    finally:
        if other is None:
            process.terminate()  # this process failed first; the child may wait for ever to send
        process.join()
        receive.close()
    used.merge(other)
    return used


def used_by_site(site_dir: Path, extra_css: list[Path]) -> Used:
    used = _used_by_pages_on_two_cores(sorted(site_dir.rglob("*.html")))
    for script in site_dir.rglob("*.js"):
        # lunr's language files only stem words; everything else (Material's bundle and search
        # worker, our scripts) may create elements.
        if "lunr" not in script.relative_to(site_dir).parts:
            used.add_javascript(script.read_text(encoding="utf-8"))
    for css in extra_css:
        used.add_stylesheet_references(css.read_text(encoding="utf-8"))
    for index in sorted((site_dir / "search").glob("search_index.*")):  # .js in an offline build
        used.add_search_index(index.read_text(encoding="utf-8"))
    return used


def on_post_build(config, **kwargs):
    site_dir = Path(config.site_dir)
    # The theme's own stylesheets, read from the theme rather than from site/: under
    # `mkdocs serve --dirty` the copy in site/ may be one this hook already trimmed.
    theirs: dict[Path, Path] = {}
    for theme_dir in reversed(config.theme.dirs):  # an override wins, as MkDocs does it
        for original in (Path(theme_dir) / "assets" / "stylesheets").glob("*.css"):
            theirs[site_dir / "assets" / "stylesheets" / original.name] = original
    theirs = {built: original for built, original in sorted(theirs.items()) if built.is_file()}
    if not theirs:
        return
    ours = [p for p in site_dir.rglob("*.css") if p not in theirs]
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "css"
    models = []
    for original in theirs.values():
        try:
            models.append(_cached_model(original.read_text(encoding="utf-8"), cache))
        except ValueError as error:
            raise PluginError(f"{original}: {error}") from None
    used = used_by_site(site_dir, ours)
    for built, text in zip(theirs, purge(models, used)):
        built.write_text(text, encoding="utf-8")
        built.with_name(built.name + ".map").unlink(missing_ok=True)

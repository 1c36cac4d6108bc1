"""When a page's content last changed, from git: its "Last updated" line, JSON-LD dateModified and
sitemap lastmod. A page rendered from data changes when the data does; without history (a zip
built from an archive, no git) every page has the build date, which honours SOURCE_DATE_EPOCH.
"""
import subprocess
from pathlib import Path

# data files that change no page's text (the search script's rules, the schemas), or one page's
# only (the change log, which the What's new page names in its `dated_by`)
NOT_CONTENT = ("data/search_rules.yaml", "data/schema/", "data/changes.yaml")


def last_commit_dates(repo: Path, paths: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Each file's last commit date (YYYY-MM-DD, committer's), by its path from `repo` (which may
    sit inside a bigger repository), from one `git log`; {} where there is no history."""
    try:
        out = subprocess.run(["git", "-C", str(repo), "log", "--relative", "--format=%x00%cs", "--name-only",
                              "--", *paths], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    for commit in out.stdout.split("\0")[1:]:
        day, *names = commit.strip().splitlines()
        for name in filter(None, names):
            dates.setdefault(name, day)  # newest commit first: the first date seen is the last change
    return dates


def page_date(dates: dict[str, str], src_uri: str, from_data: bool, build_date: str,
              dated_by: tuple[str, ...] = ()) -> str:
    """The last change to the page's Markdown, to the files in its `dated_by` and, for a page
    rendered from data, to data/; the build date where the page has no history."""
    own = dates.get(f"docs/{src_uri}")
    if own is None:
        return build_date
    fed = [dates[name] for name in dated_by if name in dates]
    if from_data:
        fed += [day for name, day in dates.items() if name.startswith("data/") and not name.startswith(NOT_CONTENT)]
    return max([own, *fed])

#!/usr/bin/python3
"""A minimal WebKitGTK browser for WebKitWebDriver, so the smoke test can see what the driver
cannot: console messages and every resource a page loads.

WebKitWebDriver starts the browser binary it is given with `--automation` and the address of its
inspector server in WEBKIT_INSPECTOR_SERVER; the browser must allow automation and hand the
driver a WebKitWebView for each window it asks for. That is all this shell does, plus:

- each view has the page's console messages written out (`enable-write-console-messages-to-stdout`;
  despite the name, WebKitGTK 2.50's web process prints them on stderr, unbuffered, as lines
  like `<source url>:<line>:<column>: CONSOLE JS ERROR <text>`), and the shell logs every load a
  view starts as `RESOURCE <uri>` (the `resource-load-started` signal: the page itself, its
  subresources, its fetch() calls and its workers' fetch() calls), a load that fails as
  `FAILED <uri> (<why>)` and an HTTP answer of 400 or more as `HTTP <status> <uri>`;
- both go to the file named by SMOKE_SHELL_LOG: the shell points its stderr there before any
  web process starts, and the web processes inherit it;
- the website data (localStorage, where Material keeps the chosen palette; cookies; caches) goes
  to the fresh folder named by SMOKE_SHELL_DATA, so no run inherits another's. Not an ephemeral
  context: WebKit writes no console messages from ephemeral sessions.

Run by the system /usr/bin/python3, which has PyGObject (python3-gi) and the WebKit2 4.1
typelib (gir1.2-webkit2-4.1); the venv's Python has neither.
"""
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

# The name WebKitWebDriver compares with the session's browserName capability.
NAME = "site-smoke-shell"


def main() -> int:
    if "--automation" not in sys.argv[1:]:
        print(f"usage: {sys.argv[0]} --automation (started by WebKitWebDriver)", file=sys.stderr)
        return 2
    log_path, data = os.environ.get("SMOKE_SHELL_LOG"), os.environ.get("SMOKE_SHELL_DATA")
    if not (log_path and data):
        print("SMOKE_SHELL_LOG (the log file) and SMOKE_SHELL_DATA (a fresh folder) are needed",
              file=sys.stderr)
        return 2
    log = open(log_path, "a", buffering=1, encoding="utf-8", errors="replace")
    os.dup2(log.fileno(), 2)
    sys.stderr = log

    Gtk.init(None)
    manager = WebKit2.WebsiteDataManager(base_data_directory=os.path.join(data, "data"),
                                         base_cache_directory=os.path.join(data, "cache"))
    context = WebKit2.WebContext(website_data_manager=manager)
    context.set_automation_allowed(True)
    windows = []

    def resource_load_started(_view, resource, _request):
        log.write(f"RESOURCE {resource.get_uri()}\n")
        resource.connect("failed", lambda res, error: log.write(f"FAILED {res.get_uri()} ({error.message})\n"))

        def finished(res):
            response = res.get_response()
            if response is not None and response.get_status_code() >= 400:
                log.write(f"HTTP {response.get_status_code()} {res.get_uri()}\n")
        resource.connect("finished", finished)

    def create_web_view(session):
        settings = WebKit2.Settings(enable_write_console_messages_to_stdout=True)
        view = WebKit2.WebView(web_context=context, settings=settings, is_controlled_by_automation=True)
        view.connect("resource-load-started", resource_load_started)
        window = Gtk.Window()
        window.set_default_size(1280, 900)        # the desktop header, search box shown
        window.add(view)
        window.show_all()
        windows.append(window)

        def close(_view):
            windows.remove(window)
            window.destroy()
        view.connect("close", close)
        return view

    def automation_started(_context, session):
        info = WebKit2.ApplicationInfo()
        info.set_name(NAME)
        info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
        session.set_application_info(info)
        session.connect("create-web-view", create_web_view)

    context.connect("automation-started", automation_started)
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

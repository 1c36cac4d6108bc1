// Smoke run of the built site in Firefox ESR (Debian's /usr/bin/firefox-esr), driven over
// WebDriver BiDi by npm puppeteer-core: no geckodriver, no browser download.
//
// Reads one job as JSON on stdin:
//   {"base": "http://127.0.0.1:PORT/" | "file:///…/", "offline": bool, "home": URL,
//    "pages": [URL, …], "canaries": [script, …], "queries": ["Pezeshkian", "پزشکیان"],
//    "executable": "/usr/bin/firefox-esr"}
// opens each page, runs the canary scripts on the last one (the test's proof that the console
// and request hooks work in this run), types each query into the home page's search box, and
// toggles the palette there; then prints one JSON report on stdout
// (tests/browser/test_other_engines.py reads it; engines/webkit_smoke.py gives the same shape):
//   browser, pages [{url, title, h1, styled}], console_errors, page_errors, third_party (blocked),
//   local_failures (a local load that failed or answered >= 400), requests_seen,
//   search {query: {value, meta, items, pages}}, palette {before, after, back},
//   errors {step: message} for a step that stopped (launch, setup, pages, search, palette).
// One browser launch per job; every page of the job shares it.
import puppeteer from 'puppeteer-core';

const job = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));
const TIMEOUT = 15_000;
const site = new URL(job.base);
const report = {
  browser: null, pages: [], console_errors: [], page_errors: [], third_party: [],
  local_failures: [], requests_seen: 0, search: {}, palette: null, errors: {},
};

// A request stays on the site when it goes to the site's own host (served) or to a file
// (offline); data:, blob: and about: never leave the machine. Anything else is recorded and
// aborted before it is sent.
function isLocal(url) {
  const u = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  if (job.offline) return u.protocol === 'file:';
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === site.host;
}

// Each step (pages, search, palette) runs even if an earlier one failed; a step that throws is
// reported under errors[step], so that only the tests that need it fail.
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    report.errors[name] = String(err && err.stack || err);
  }
}

let browser;
try {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: job.executable || '/usr/bin/firefox-esr',
    headless: true,
    // Puppeteer's Firefox profile turns the file:// same-origin rule off; readers have it on, and
    // the offline zip must work with it (each file:// page is its own origin).
    extraPrefsFirefox: {'security.fileuri.strict_origin_policy': true},
    protocolTimeout: 30_000,
  });
} catch (err) {
  report.errors.launch = String(err && err.stack || err);
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exit(0);
}

try {
  report.browser = await browser.version();
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport({width: 1280, height: 900});   // the desktop header: search box shown
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'assert') {
      report.console_errors.push(`${msg.location()?.url || page.url()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => report.page_errors.push(`${page.url()}: ${err.message || err}`));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    report.requests_seen += 1;
    if (req.isInterceptResolutionHandled()) return;
    if (isLocal(req.url())) {
      req.continue();
    } else {
      report.third_party.push(req.url());
      req.abort('blockedbyclient');
    }
  });
  // Over BiDi, Firefox reports http loads but not file:// ones: offline, a missing local file
  // shows only through what it breaks (the bundle, the stylesheet, a console error).
  page.on('requestfailed', (req) => {
    if (isLocal(req.url())) report.local_failures.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400) report.local_failures.push(`${resp.url()}: HTTP ${resp.status()}`);
  });

  async function open(url) {
    await page.goto(url, {waitUntil: 'load'});
    // Material's bundle has run (it defines these globals), then a moment for the search
    // worker and late requests, whose errors and requests count for this page too
    await page.waitForFunction(() => !!window.document$ && !!window.component$);
    await new Promise((r) => setTimeout(r, 400));
  }

  await step('pages', async () => {
    for (const url of job.pages) {
      await open(url);
      report.pages.push(await page.evaluate(() => ({
        url: location.href, title: document.title,
        h1: document.querySelectorAll('article.md-content__inner h1').length,
        // Material's stylesheet applies: its header is sticky (as the Chromium tests check)
        styled: getComputedStyle(document.querySelector('.md-header')).position === 'sticky',
      })));
    }
    for (const script of job.canaries || []) await page.evaluate(script);
    await new Promise((r) => setTimeout(r, 400));
  });

  // Search: typed key by key (BiDi key actions) into the header's box, as a reader does; the
  // answer is read once the box holds the whole query and the result list has stopped changing.
  await step('search', async () => {
    for (const query of job.queries) {
      await open(job.home);
      await page.click('input.md-search__input');
      await page.keyboard.type(query, {delay: 20});
      let state;
      let last = null;
      let same = 0;
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        state = await page.evaluate(() => ({
          value: document.querySelector('input.md-search__input').value,
          meta: document.querySelector('.md-search-result__meta')?.textContent.trim() ?? '',
          items: document.querySelectorAll('.md-search-result__item').length,
          pages: [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]
            .map((a) => a.href),
        }));
        const settled = state.value === query && !/Initializing|Type to start/.test(state.meta);
        const key = JSON.stringify(state);
        same = settled && key === last ? same + 1 : 0;
        last = key;
        if (same >= 3 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      report.search[query] = state;
    }
  });

  // Palette: the header's toggle switches body[data-md-color-scheme] and back
  await step('palette', async () => {
    await open(job.home);
    const scheme = () => page.evaluate(() => document.body.getAttribute('data-md-color-scheme'));
    const toggle = async (from) => {
      let clicked = false;
      for (const label of await page.$$("form[data-md-component='palette'] label")) {
        if (await label.isVisible()) {
          await label.click();
          clicked = true;
          break;
        }
      }
      if (!clicked) throw new Error('no visible palette toggle');
      await page.waitForFunction(
        (f) => document.body.getAttribute('data-md-color-scheme') !== f, {timeout: 5_000}, from,
      ).catch(() => {});           // no change: the report shows it
      return scheme();
    };
    const before = await scheme();
    const after = await toggle(before);
    report.palette = {before, after, back: await toggle(after)};
  });
} catch (err) {
  report.errors.setup = String(err && err.stack || err);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report) + '\n');

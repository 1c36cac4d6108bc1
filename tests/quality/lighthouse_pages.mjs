// Lighthouse on many pages in one Node process and one Chromium: per page, a new process would
// spend about 4 s starting Node, loading Lighthouse's config and launching Chromium.
// Usage: node lighthouse_pages.mjs OUT_DIR CATEGORIES URL...  (CHROME_PATH names the browser)
// Writes OUT_DIR/<n>.json, the report of the n-th URL.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import * as chromeLauncher from "chrome-launcher"
import lighthouse from "lighthouse"

const [outDir, categories, ...urls] = process.argv.slice(2)
const chrome = await chromeLauncher.launch({
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] })
try {
  for (const [n, url] of urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error",
      onlyCategories: categories.split(","),
      // the page's screenshot only illustrates a report; no audit of these categories reads it
      disableFullPageScreenshot: true })
    if (!result || result.lhr.runtimeError)
      throw new Error(`${url}: ${result ? result.lhr.runtimeError.message : "no result"}`)
    writeFileSync(join(outDir, `${n}.json`), result.report)
  }
} finally {
  await chrome.kill()
}

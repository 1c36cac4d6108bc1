/* Sortable tables without a CDN: each header of a table.sortable becomes a button; clicking it
   sorts the body rows (never the <tfoot> totals) by that column, numbers as numbers.
   aria-sort tells screen readers the current order. Written for this site; CC BY 4.0. */
(function () {
  "use strict";
  function key(cell) {
    var text = (cell.textContent || "").trim();
    var num = text.replace(/[,\u00a0\s%]|points?$/g, "");
    return /^-?\d+(\.\d+)?$/.test(num) ? parseFloat(num) : text.toLowerCase();
  }
  function compare(a, b) {
    if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
    return typeof a === "number" ? -1 : 1; /* numbers before words such as "not published" */
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, n) {
      return { row: row, key: key(row.cells[index]), n: n };
    });
    rows.sort(function (a, b) {
      return (dir === "ascending" ? 1 : -1) * compare(a.key, b.key) || a.n - b.n;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }
  function enhance(table) {
    if (table.dataset.sortable === "on" || !table.tHead || !table.tBodies.length) return;
    table.dataset.sortable = "on";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.setAttribute("title", "Sort by this column");
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  }
  function run() { document.querySelectorAll("table.sortable").forEach(enhance); }
  /* Material's instant navigation swaps pages without a load event; document$ fires on each. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();

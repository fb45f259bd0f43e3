// Folder contents on a Vietnamese site: dates as 17/04/2024 08:30 instead of
// the browser's "08:30:00 17 thg 4, 2024". Plone's structure pattern keeps each
// date's ISO value in the cell's data-order; the cell is written again from it,
// on the browser's clock as the pattern does, whenever the table is redrawn.
(function () {
  "use strict";
  // The pattern's date columns (mockup's structure table view).
  var COLUMNS = ["ModificationDate", "EffectiveDate", "CreationDate",
    "ExpirationDate", "start", "end", "last_comment_date"];
  // The states' Vietnamese, from the page (folderdates.py): the pattern's own
  // translation comes only from the second visit on.
  var STATES = {};
  try {
    STATES = JSON.parse(document.currentScript.getAttribute("data-states") || "{}");
  } catch (error) {
    STATES = {};
  }
  var CELLS = COLUMNS.map(function (name) {
    return "td." + name + "[data-order]";
  }).join(", ");

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function written(iso) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(iso || "")) return null;  // "None", ""
    var when = new Date(iso);
    if (isNaN(when.getTime())) return null;
    return two(when.getDate()) + "/" + two(when.getMonth() + 1) + "/" +
      when.getFullYear() + " " + two(when.getHours()) + ":" +
      two(when.getMinutes());
  }

  function rewrite(root) {
    root.querySelectorAll(CELLS).forEach(function (cell) {
      var text = written(cell.getAttribute("data-order"));
      if (text && cell.textContent !== text) cell.textContent = text;
    });
    root.querySelectorAll("td.review_state[data-order]").forEach(function (cell) {
      var title = STATES[cell.getAttribute("data-order")];
      if (title && cell.textContent.trim() !== title) cell.textContent = title;
    });
  }

  function watch(structure) {
    rewrite(structure);
    new MutationObserver(function () {
      rewrite(structure);
    }).observe(structure, { childList: true, subtree: true });
  }

  function start() {
    if (!/^vi\b/i.test(document.documentElement.lang || "")) return;
    document.querySelectorAll(".pat-structure").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

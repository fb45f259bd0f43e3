// The news item's "Copy link" button: shown only where the browser can copy.
(function () {
  "use strict";
  function start() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".thdtre-copy-link").forEach(function (button) {
      var box = button.closest(".thdtre-share");
      var status = box.querySelector(".thdtre-copied");
      var done = box.querySelector(".thdtre-copied-text");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.url).then(function () {
          status.textContent = done.textContent;
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Show the slogans one at a time; without JavaScript the first one stays visible.
(function () {
  "use strict";
  function rotate(box) {
    var items = box.querySelectorAll("li");
    if (items.length < 2) return;
    var current = 0;
    window.setInterval(function () {
      items[current].hidden = true;
      current = (current + 1) % items.length;
      items[current].hidden = false;
    }, 6000);
  }
  function start() {
    document.querySelectorAll(".thdtre-slogan-rotator").forEach(rotate);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

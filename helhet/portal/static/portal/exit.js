// The quick exit. The link works without this script (an ordinary link to /exit); with it,
// the visit leaves with location.replace(), so the page is not in the Back history, and
// Shift pressed three times in a row leaves too.
(function () {
  "use strict";

  var link = document.querySelector("[data-exit]");
  if (!link) {
    return;
  }
  var WINDOW_MS = 2000; // three presses within two seconds
  var presses = [];
  var leaving = false;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    leaving = true;
    // Hide the page at once; the next site may take a moment to load.
    document.documentElement.classList.add("portal-leaving");
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    // A middle click or Ctrl-click opens a tab: leave that to the browser.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    leave(event);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      // Shift held for capital letters is typing, not a signal to leave.
      presses = [];
      return;
    }
    if (event.repeat) {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (at) {
      return now - at < WINDOW_MS;
    });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });

  // A page restored from the back-forward cache must not show again after leaving.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && leaving) {
      window.location.replace(link.href);
    }
  });
})();

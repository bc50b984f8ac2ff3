// The quick exit's last step: replace this blank page with the neutral site, so that it
// is not in the Back history either. (The Refresh header does the same without script.)
(function () {
  "use strict";
  var target = document.currentScript && document.currentScript.getAttribute("data-target");
  if (target) {
    window.location.replace(target);
  }
})();

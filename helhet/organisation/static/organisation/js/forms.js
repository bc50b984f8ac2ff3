// Organisation pages: a form marked data-submit-once sends once. The server also
// recognises a repeated post; this only spares the user a second click's wait.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-submit-once")) { return; }
  if (form.getAttribute("data-submitting") === "yes") {
    event.preventDefault();
    return;
  }
  form.setAttribute("data-submitting", "yes");
  form.querySelectorAll("button[type=submit]").forEach(function (button) {
    button.setAttribute("aria-disabled", "true");
  });
});

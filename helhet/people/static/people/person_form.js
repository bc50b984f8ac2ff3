// The person form: when "strengt fortrolig adresse" is chosen, the address field is turned
// off (a disabled field is not sent, so no address is stored) and a notice says why.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("[data-person-form]");
  if (!form) { return; }
  var select = form.querySelector("[data-address-protection]");
  var field = form.querySelector("[data-address-field]");
  var notice = form.querySelector("[data-strict-notice]");
  if (!select || !field || !notice) { return; }
  var textarea = field.querySelector("textarea");
  function update() {
    var strict = select.value === "strict";
    field.hidden = strict;
    notice.hidden = !strict;
    if (textarea) { textarea.disabled = strict; }
  }
  select.addEventListener("change", update);
  update();
});

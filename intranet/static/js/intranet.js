// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so it is read out first.
  function focusFirstError(root) {
    var summary = root.querySelector("[data-focus-first-error]");
    if (summary) { summary.focus(); return; }
    var invalid = root.querySelector("[aria-invalid=true]");
    if (invalid && invalid.focus) { invalid.focus(); }
  }

  // Announce what an htmx swap changed, in the page's aria-live region.
  function announce(target) {
    var live = document.getElementById("live");
    var message = target && target.querySelector("[data-announce]");
    if (live && message) { live.textContent = message.getAttribute("data-announce"); }
  }

  document.addEventListener("DOMContentLoaded", function () { focusFirstError(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    announce(event.detail.target.parentNode || event.detail.target);
  });
  // Let htmx swap in 4xx answers (validation errors, "already handled") instead of dropping them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 422 || status === 400 || status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();

// Print buttons (the invoice specification): <button data-print>.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
});

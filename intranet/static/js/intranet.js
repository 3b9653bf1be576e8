// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so it is read out first.
  function focusFirstError(root) {
    var summary = root.querySelector("[data-focus-first-error]");
    if (summary) { summary.focus(); return true; }
    return false;
  }

  function within(element, selector) {
    return element.matches(selector) ? element : element.querySelector(selector);
  }

  // Announce what an htmx swap brought, in the page's aria-live region: only a message
  // inside the element that was swapped in, never an older one elsewhere on the page.
  // The region is emptied first, so the same words are read again after a second action.
  var pending = null;
  function announce(swapped) {
    var live = document.getElementById("live");
    if (!live) { return; }
    var message = within(swapped, "[data-announce]");
    window.clearTimeout(pending);
    live.textContent = "";
    if (message) {
      var text = message.getAttribute("data-announce");
      pending = window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  // A swap that replaced the focused element (the button just pressed) would drop keyboard
  // users at the top of the page: put them on the block that replaced it.
  function keepFocus(swapped) {
    if (focusFirstError(swapped)) { return; }
    var invalid = swapped.querySelector("textarea[aria-invalid=true], input[aria-invalid=true]");
    if (invalid) { invalid.focus(); return; }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { return; }
    if (!swapped.hasAttribute("tabindex")) { swapped.setAttribute("tabindex", "-1"); }
    swapped.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!focusFirstError(document)) {
      var invalid = document.querySelector("input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true]");
      if (invalid) { invalid.focus(); }
    }
  });
  // htmx fires afterSwap on each element it swapped in (for an outerHTML swap, detail.target
  // is the element that was replaced and is no longer in the page).
  // Focus moves only after what the user did (a submit, a click), never after a refresh
  // that polls by itself.
  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.target;
    if (!swapped || !swapped.matches || !document.contains(swapped)) { return; }
    announce(swapped);
    var config = event.detail.requestConfig;
    var cause = config && config.triggeringEvent;
    if (cause && (cause.type === "submit" || cause.type === "click")) { keepFocus(swapped); }
  });
  // Let htmx swap in every refusal instead of dropping it: a form with its errors (422), or
  // the server's notice (404, 409, 415, 429, ...), which it retargets to the notice area.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // A link in the error summary puts the cursor in its field, not only scrolls to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) { event.preventDefault(); field.focus(); }
  });
})();

// Print buttons (the invoice specification): <button data-print>.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
});

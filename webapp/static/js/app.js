// Move focus to an error summary when a form comes back with errors, so screen readers announce it first.
// A fragment left in the address by the skip link (#main) would move focus to its target once the page has loaded,
// so the fragment is dropped and focus set again after load.
function focusErrorSummary() {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }
  return summary;
}
document.addEventListener("DOMContentLoaded", function () {
  if (focusErrorSummary() && location.hash) {
    history.replaceState(null, "", location.pathname + location.search);
  }
});
window.addEventListener("load", focusErrorSummary);

// Print buttons are hidden until this script can make them work (no inline script: the Content-Security-Policy
// forbids it).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});

// hitori: progressive enhancement only. Every page works without this file.
"use strict";
document.addEventListener("submit", function (e) {
  var msg = e.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) { e.preventDefault(); }
});
document.addEventListener("click", function (e) {
  var b = e.target.closest("button.copy");
  if (!b) { return; }
  var src = document.querySelector(b.getAttribute("data-copy-from"));
  if (src && navigator.clipboard) {
    navigator.clipboard.writeText(src.innerText.trim()).then(function () { b.textContent = "✓"; });
  }
});
document.addEventListener("DOMContentLoaded", function () {
  // Fill the language switch's return address (the server also does this).
  document.querySelectorAll("form.lang input[name=next]").forEach(function (i) {
    if (!i.value) { i.value = location.pathname + location.search; }
  });
});

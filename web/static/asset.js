// The label page's print button: shown only where script runs (the
// browser's own print command works everywhere).
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});

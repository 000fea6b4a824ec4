// hitori vault: the copy button puts the password on the clipboard without
// showing it. The server decrypts and records the copy in the vault's
// audit log exactly as for a reveal; without script, the button shows the
// password instead. Nothing is kept in the page after copying.
(function () {
  "use strict";
  var form = document.querySelector("form[data-vault-reveal]");
  if (!form || !navigator.clipboard) { return; }
  var status = form.querySelector("[data-vault-status]");
  form.addEventListener("submit", function (ev) {
    var button = ev.submitter;
    if (!button || button.value !== "copy") { return; }
    ev.preventDefault();
    var body = new FormData(form);
    body.set("action", "copy");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) {
        if (!res.ok) { throw new Error(String(res.status)); }
        return res.json();
      })
      .then(function (secret) { return navigator.clipboard.writeText(secret.password); })
      .then(function () { status.textContent = form.getAttribute("data-copied"); })
      .catch(function () { status.textContent = form.getAttribute("data-copy-failed"); });
  });
})();

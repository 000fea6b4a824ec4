// hitori work board and list: keyboard shortcuts. Progressive enhancement
// only: every action here is also a link or a form button on the page.
//
//   j / k   next / previous item        1–4   move the item to that quadrant
//   Enter   open the item               x     tick the item (bulk edit)
//   ?       show or hide this help      Esc   hide the help
(function () {
  "use strict";

  var FOCUS_KEY = "hitori.work.focus";
  var rows = [];
  var current = -1;
  var status = null;

  function csrf() {
    var m = document.querySelector('meta[name="csrf"]');
    return m ? m.getAttribute("content") : "";
  }

  // say puts a short message in a live region, for errors and progress.
  function say(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "work-live";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = text;
    status.hidden = !text;
  }

  function focusRow(i) {
    if (!rows.length) { return; }
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (current >= 0 && rows[current]) { rows[current].classList.remove("work-focus"); }
    current = i;
    var row = rows[i];
    row.classList.add("work-focus");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function focused() {
    return current >= 0 ? rows[current] : null;
  }

  function setQuadrant(row, q) {
    if (row.getAttribute("data-quadrant") === String(q)) { return; }
    var id = row.getAttribute("data-item");
    say("…");
    var body = new URLSearchParams();
    body.set("q", String(q));
    fetch("/work/items/" + encodeURIComponent(id) + "/quadrant", {
      method: "POST", credentials: "same-origin", body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "X-CSRF-Token": csrf() }
    }).then(function (r) {
      return r.json().then(function (d) { if (!r.ok) { throw d; } return d; });
    }).then(function () {
      // The board re-sorts on the server: reload it and come back to the item.
      try { sessionStorage.setItem(FOCUS_KEY, id); } catch (e) { /* private mode */ }
      location.reload();
    }).catch(function (err) {
      var help = document.getElementById("work-help");
      say((err && err.message) || (help && help.getAttribute("data-work-failed")) || "×");
    });
  }

  function toggleHelp(show) {
    var help = document.getElementById("work-help");
    if (!help) { return; }
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) {
      var b = help.querySelector("button");
      if (b) { b.focus(); }
    } else if (focused()) {
      focused().focus({ preventScroll: true });
    }
  }

  // openBulk unfolds the bulk-edit panel once an item is ticked, so its
  // "apply" button is in reach.
  function openBulk(box) {
    var panel = box.checked && box.form && box.form.querySelector('[data-testid="work-bulk-panel"]');
    if (panel) { panel.open = true; }
  }

  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches('.work-table input[type="checkbox"]')) { openBulk(e.target); }
  });

  function typing(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) { return; }
    var row = focused();
    switch (e.key) {
      case "j":
        focusRow(current + 1);
        break;
      case "k":
        focusRow(current < 0 ? 0 : current - 1);
        break;
      case "Enter":
        // Only when the row itself has focus: Enter on a link or button keeps its own meaning.
        if (!row || document.activeElement !== row) { return; }
        location.href = row.getAttribute("data-href");
        break;
      case "1": case "2": case "3": case "4":
        if (!row) { return; }
        setQuadrant(row, Number(e.key));
        break;
      case "x":
        if (!row) { return; }
        var box = row.querySelector('input[type="checkbox"]');
        if (box) { box.checked = !box.checked; openBulk(box); }
        break;
      case "?":
        toggleHelp();
        break;
      case "Escape":
        toggleHelp(false);
        return;
      default:
        return;
    }
    e.preventDefault();
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-work-help-close]")) { toggleHelp(false); return; }
    // A click on a row (not on its links or buttons) makes it the current one.
    var row = e.target.closest("[data-item]");
    if (row && rows.indexOf(row) >= 0 && !e.target.closest("a, button, input, select, label")) {
      focusRow(rows.indexOf(row));
    }
  });

  // A canned reply goes in at the cursor of the reply box instead of
  // reloading the page with ?canned=ID (which replaces the box's text).
  document.addEventListener("submit", function (e) {
    var form = e.target.closest("[data-work-canned]");
    if (!form) { return; }
    var opt = form.querySelector("select option:checked");
    var box = document.querySelector('[data-testid="reply-form"] textarea[name="body"]');
    if (!opt || !opt.value || !box) { return; }
    e.preventDefault();
    var text = opt.getAttribute("data-text") || "";
    var start = box.selectionStart, end = box.selectionEnd;
    if (typeof start !== "number") { start = end = box.value.length; }
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.setSelectionRange(start + text.length, start + text.length);
  });

  document.addEventListener("DOMContentLoaded", function () {
    // The queue and the list are what j/k walk; the quadrant boxes repeat
    // their items, so they are walked only when there is no queue.
    rows = Array.prototype.slice.call(document.querySelectorAll(".work-queue [data-item], .work-table [data-item]"));
    if (!rows.length) {
      rows = Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
    }
    document.querySelectorAll("[data-work-keyhint]").forEach(function (h) { h.hidden = false; });
    var want = null;
    try { want = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch (e) { /* private mode */ }
    if (want) {
      for (var i = 0; i < rows.length; i++) {
        if (rows[i].getAttribute("data-item") === want) { focusRow(i); break; }
      }
    }
  });
})();

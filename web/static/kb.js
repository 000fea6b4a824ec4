// hitori knowledge base: suggestions while a question is typed, "this
// solved it", the help chat and the editor's starter bodies. Progressive
// enhancement only: every page this touches works without it.
(function () {
  "use strict";

  var lang = (document.documentElement.lang || "ja").slice(0, 2) === "en" ? "en" : "ja";
  // Fallback texts for pages that include this script without their own
  // data-kb-* labels (the portal's new-item form, for instance).
  var texts = {
    ja: {
      heading: "関連する記事があります",
      solved: "これで解決しました",
      thanks: "解決してよかったです。ご利用ありがとうございました。",
      failed: "送信できませんでした。もう一度お試しください。"
    },
    en: {
      heading: "These articles may help",
      solved: "This solved it",
      thanks: "Glad that helped. Thank you!",
      failed: "Could not send. Please try again."
    }
  }[lang];

  var MAX_TURNS = 8, ITEM_BODY_RUNES = 2000, ITEM_TITLE_RUNES = 100, DEBOUNCE_MS = 250;

  function csrf() {
    var m = document.querySelector('meta[name="csrf"]');
    return m ? m.getAttribute("content") : "";
  }

  function label(host, name) {
    return (host && host.getAttribute("data-kb-" + name)) || texts[name] || "";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function runes(s) { return Array.from(s); }

  var entities = { lt: "<", gt: ">", amp: "&", quot: "\"", "#39": "'", "#34": "\"" };

  // appendSnippet rebuilds a search snippet (escaped text with <mark>
  // around matches) as DOM nodes, so nothing in it is ever parsed as HTML.
  function appendSnippet(parent, snippet) {
    var cur = parent;
    String(snippet).split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>") {
        cur = parent.appendChild(document.createElement("mark"));
      } else if (part === "</mark>") {
        cur = parent;
      } else if (part) {
        cur.appendChild(document.createTextNode(part.replace(/&(lt|gt|amp|quot|#39|#34);/g, function (_, e) { return entities[e]; })));
      }
    });
  }

  function postForm(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "X-CSRF-Token": csrf() }
    }).then(function (r) {
      return r.json().then(function (d) { if (!r.ok) { throw d; } return d; });
    });
  }

  // Suggestions: <input data-kb-suggest="#target"> lists matching articles in
  // #target as the user types, each with a "this solved it" button.
  function initSuggest(input) {
    if (input.getAttribute("data-kb-ready")) { return; }
    var target = document.querySelector(input.getAttribute("data-kb-suggest"));
    if (!target) { return; }
    input.setAttribute("data-kb-ready", "1");
    target.setAttribute("aria-live", "polite");
    input.setAttribute("autocomplete", "off");
    var timer = 0, seq = 0, ctrl = null, shown = "";

    function clear() { target.textContent = ""; shown = ""; }

    function run() {
      var q = input.value.trim();
      if (q === shown) { return; }
      if (!q) { clear(); return; }
      var my = ++seq;
      if (ctrl) { ctrl.abort(); }
      ctrl = window.AbortController ? new AbortController() : null;
      fetch("/api/v1/kb/suggest?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { "Accept": "application/json" }, signal: ctrl ? ctrl.signal : undefined
      }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (data) {
        if (my === seq) { shown = q; render(data.articles || [], q); }
      }).catch(function () { /* suggestions are a convenience: stay quiet */ });
    }

    function render(list, q) {
      target.textContent = "";
      if (!list.length) { return; }
      var box = el("div", "kb-suggest");
      box.appendChild(el("p", "kb-suggest-head", label(target, "heading")));
      var ul = box.appendChild(el("ul", "kb-suggest-list"));
      list.forEach(function (a) {
        var li = ul.appendChild(el("li", "kb-suggest-item"));
        var link = li.appendChild(el("a", "kb-suggest-title", a.title));
        link.href = a.url;
        if (a.snippet) { appendSnippet(li.appendChild(el("p", "kb-snippet")), a.snippet); }
        var b = li.appendChild(el("button", "small kb-solved", label(target, "solved")));
        b.type = "button";
        b.setAttribute("aria-label", label(target, "solved") + ": " + a.title);
        b.addEventListener("click", function () { solved(a, q, b); });
      });
      target.appendChild(box);
    }

    function solved(a, q, button) {
      button.disabled = true;
      postForm("/kb/deflect", { article: a.id, q: q }).then(function (res) {
        clearTimeout(timer);
        seq++;
        target.textContent = "";
        // A form marked data-kb-close="URL" is done: the colleague's problem is
        // solved, so no item is opened; the thanks replaces the form.
        var form = input.closest("form[data-kb-close]");
        var where = target;
        if (form) {
          where = form.parentNode.insertBefore(el("div", "card kb-closed"), form);
          form.hidden = true;
        }
        var msg = where.appendChild(el("p", "kb-thanks", res.message || label(target, "thanks")));
        msg.setAttribute("data-testid", "kb-thanks");
        if (form) {
          var back = where.appendChild(el("p")).appendChild(el("a", "button", label(target, "back") || "OK"));
          back.href = form.getAttribute("data-kb-close");
        }
        msg.setAttribute("role", "status");
        msg.tabIndex = -1;
        msg.focus();
        input.dispatchEvent(new CustomEvent("kb:solved", { bubbles: true, detail: { id: a.id, url: a.url, title: a.title, query: q } }));
      }).catch(function () {
        button.disabled = false;
        var err = target.querySelector(".kb-suggest-error") || target.appendChild(el("p", "fielderror kb-suggest-error"));
        err.setAttribute("role", "alert");
        err.textContent = label(target, "failed");
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && target.querySelector("a")) {
        e.preventDefault();
        target.querySelector("a").focus();
      } else if (e.key === "Escape" && target.firstChild) {
        e.preventDefault();
        clear();
      }
    });
    // Arrow keys move between the links and buttons; Escape returns to the input.
    target.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(target.querySelectorAll("a, button:not([disabled])"));
      var i = items.indexOf(document.activeElement);
      if (i < 0) { return; }
      if (e.key === "ArrowDown" && i + 1 < items.length) {
        e.preventDefault(); items[i + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault(); (i > 0 ? items[i - 1] : input).focus();
      } else if (e.key === "Escape") {
        e.preventDefault(); clear(); input.focus();
      }
    });
  }

  // The help chat: answers come from POST /api/v1/chat and are appended to
  // the log; the form still posts to /help when this script is absent.
  function initChat(box) {
    var form = document.getElementById("kb-chat-form");
    var log = document.getElementById("kb-chat-log");
    if (!form || !log) { return; }
    var input = form.querySelector("textarea[name=message]");
    var transcript = form.querySelector("input[name=transcript]");
    var button = form.querySelector("button[type=submit]");
    var t = function (name) { return box.getAttribute("data-" + name) || ""; };
    var turns = [];
    try { turns = JSON.parse(transcript.value || "[]") || []; } catch (e) { turns = []; }

    function links(list, cls) {
      var ul = el("ul", cls);
      list.forEach(function (l) {
        var a = ul.appendChild(el("li")).appendChild(el("a", "", l.t));
        a.href = l.u;
      });
      return ul;
    }

    // answer is the reply text with its cross-references ([kb-040]) linked
    // to the articles the server resolved (res.refs), shown by title.
    function answer(text, refs) {
      var p = el("p", "kb-answer");
      var re = /\[([A-Za-z]{1,10}-[0-9]{1,6})\]/g, last = 0, m;
      while ((m = re.exec(text)) !== null) {
        var ref = refs[m[1]];
        if (!ref || !/^\/kb\/[0-9]+$/.test(ref.u)) { continue; }
        p.appendChild(document.createTextNode(text.slice(last, m.index)));
        p.appendChild(el("a", "", ref.t)).href = ref.u;
        last = re.lastIndex;
      }
      p.appendChild(document.createTextNode(text.slice(last)));
      return p;
    }

    // itemForm posts the question nobody answered (and only it: earlier
    // questions are usually about something else) to the portal's
    // new-item form, which shows it prefilled for the colleague to send.
    function itemForm(turn) {
      var f = el("form", "kb-open-item");
      f.method = "post";
      f.action = "/portal/new";
      var fields = {
        csrf: csrf(),
        title: runes(turn.q).slice(0, ITEM_TITLE_RUNES).join(""),
        body: runes(t("item-header") + "\n" + t("item-q") + " " + turn.q + "\n" + t("item-a") + " " + t("no-answer")).slice(0, ITEM_BODY_RUNES).join("")
      };
      Object.keys(fields).forEach(function (k) {
        var in_ = f.appendChild(el("input"));
        in_.type = "hidden";
        in_.name = k;
        in_.value = fields[k];
      });
      var b = f.appendChild(el("button", "primary", t("open-item")));
      b.type = "submit";
      b.setAttribute("data-testid", "kb-open-item");
      return f;
    }

    function fill(li, turn) {
      li.textContent = "";
      li.className = "kb-msg kb-bot kb-" + turn.k;
      li.appendChild(el("span", "kb-sr", t("bot") + ": "));
      if (turn.k === "answer") {
        li.appendChild(answer(turn.a, turn.r || {}));
        if (turn.l.length) {
          var cite = li.appendChild(el("p", "kb-cite", t("sources") + " "));
          turn.l.forEach(function (l) { var a = cite.appendChild(el("a", "", l.t)); a.href = l.u; cite.appendChild(document.createTextNode(" ")); });
        }
      } else if (turn.k === "clarify") {
        li.appendChild(el("p", "", t("clarify")));
        li.appendChild(links(turn.l, "kb-choices"));
      } else {
        li.appendChild(el("p", "", t("no-answer")));
        if (turn.l.length) {
          li.appendChild(el("p", "muted", t("related")));
          li.appendChild(links(turn.l, "kb-choices"));
        }
        log.querySelectorAll(".kb-open-item").forEach(function (old) { old.remove(); });
        li.appendChild(itemForm(turn));
      }
    }

    input.addEventListener("keydown", function (e) {
      // Enter sends, Shift+Enter breaks the line; Enter that confirms an
      // IME conversion (isComposing, keyCode 229) must do neither.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit", { cancelable: true })); }
      }
    });

    form.addEventListener("submit", function (e) {
      var q = input.value.trim();
      if (!q || !window.fetch) { return; }
      e.preventDefault();
      var you = log.appendChild(el("li", "kb-msg kb-user"));
      you.appendChild(el("span", "kb-sr", t("you") + ": "));
      you.appendChild(el("p", "", q));
      var reply = log.appendChild(el("li", "kb-msg kb-bot kb-pending", t("thinking")));
      reply.setAttribute("data-testid", "kb-reply");
      reply.scrollIntoView({ block: "nearest" });
      input.value = "";
      button.disabled = true;
      fetch("/api/v1/chat", {
        method: "POST", credentials: "same-origin", body: JSON.stringify({ message: q }),
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() }
      }).then(function (r) {
        return r.json().then(function (d) { if (!r.ok) { throw d; } return d; });
      }).then(function (res) {
        var turn = {
          q: q, k: res.confident ? "answer" : res.clarify ? "clarify" : "none", a: res.confident ? res.answer : "", r: res.refs || {},
          l: (res.articles || []).filter(function (a) { return a.url; }).map(function (a) { return { t: a.title, u: a.url }; })
        };
        turns.push(turn);
        if (turns.length > MAX_TURNS) { turns.shift(); }
        transcript.value = JSON.stringify(turns);
        fill(reply, turn);
      }).catch(function (err) {
        reply.className = "kb-msg kb-bot kb-failed";
        reply.textContent = (err && err.error && err.message) || t("error");
        input.value = input.value || q;
      }).then(function () {
        button.disabled = false;
        // Show the start of the reply (answers can be long); the form is
        // sticky, so the input stays in view without scrolling to it.
        reply.scrollIntoView({ block: reply.offsetHeight > window.innerHeight / 2 ? "start" : "nearest" });
        input.focus({ preventScroll: true });
      });
    });
  }

  // The editor: a new article's body follows the kind chosen, as long as
  // the author has not started writing over the starter text.
  function initStarters(select) {
    var tpl = document.getElementById("kb-starters");
    var body = select.form && select.form.querySelector("textarea[name=" + select.getAttribute("data-kb-starter") + "]");
    if (!tpl || !body) { return; }
    var starters = {};
    tpl.content.querySelectorAll("textarea[data-kind]").forEach(function (ta) {
      starters[ta.getAttribute("data-kind")] = ta.textContent;
    });
    var prev = select.value;
    select.addEventListener("change", function () {
      var cur = body.value.replace(/\r\n/g, "\n").trim();
      if (cur === "" || cur === (starters[prev] || "").trim()) { body.value = starters[select.value] || ""; }
      prev = select.value;
    });
  }

  // The reader list only matters for restricted articles.
  function initVisibility(fs) {
    var readers = fs.querySelector(".kb-readers");
    if (!readers) { return; }
    var sync = function () {
      var c = fs.querySelector("input[name=visibility]:checked");
      readers.hidden = !(c && c.value === "restricted") && !readers.querySelector(".fielderror");
    };
    fs.addEventListener("change", sync);
    sync();
  }

  function init() {
    document.querySelectorAll("input[data-kb-suggest], textarea[data-kb-suggest]").forEach(initSuggest);
    // Inputs added later (a form shown in a dialog) start on first focus.
    document.addEventListener("focusin", function (e) {
      if (e.target.matches && e.target.matches("input[data-kb-suggest], textarea[data-kb-suggest]")) { initSuggest(e.target); }
    });
    var chat = document.getElementById("kb-chat");
    if (chat) { initChat(chat); }
    document.querySelectorAll("select[data-kb-starter]").forEach(initStarters);
    document.querySelectorAll("[data-kb-visibility]").forEach(initVisibility);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

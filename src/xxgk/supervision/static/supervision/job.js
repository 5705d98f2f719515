// Refreshes a background job's progress in place (the page works without it: a link or the
// reload button shows the same). Polls the element with data-poll for its new rendering;
// stops when the new one no longer asks to be polled, and reloads the page then if the old
// one said so (data-reload: the result is the rest of the page).
(function () {
  "use strict";
  function poll() {
    var box = document.querySelector("[data-poll]");
    var url = box && box.getAttribute("data-poll");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html.trim();
        var next = tpl.content.firstElementChild;
        if (!next || next.id !== box.id) return setTimeout(poll, 5000);
        if (!next.hasAttribute("data-poll") && box.hasAttribute("data-reload")) {
          window.location.reload();
          return;
        }
        box.replaceWith(next);
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();

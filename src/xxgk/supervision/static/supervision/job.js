// Refreshes a background import's progress in place (the page works without it: a link
// reloads it). Stops when the server's fragment no longer asks to be polled.
(function () {
  "use strict";
  function poll() {
    var box = document.getElementById("job-progress");
    var url = box && box.getAttribute("data-poll");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html.trim();
        var next = tpl.content.firstElementChild;
        if (next && next.id === "job-progress") box.replaceWith(next);
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();

// Keeps this person listed as present on the article while the change form is open,
// says whether they have unsaved edits (autosave.js marks the form), and shows who else
// has it open and whether they are editing or only reading. The server forgets someone
// a short while after their last heartbeat (PRESENCE_TTL_SECONDS); leaving the page
// says so at once. Without JavaScript the change form still shows the notice on load.
"use strict";
(function () {
  var notice = document.getElementById("article-presence");
  var form = document.getElementById("article_form");
  if (!notice || !form) return;
  var url = notice.dataset.url;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");

  function show(others) {
    if (!others.length) {
      notice.replaceChildren();
      return;
    }
    var list = document.createElement("ul");
    list.className = "messagelist";
    others.forEach(function (other) {
      var item = document.createElement("li");
      item.className = "warning presence-" + other.mode;
      item.textContent = other.message;
      list.appendChild(item);
    });
    notice.replaceChildren(list);
  }

  function fields(extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    Object.keys(extra).forEach(function (name) {
      data.append(name, extra[name]);
    });
    return data;
  }

  function beat() {
    var changes = form.dataset.unsaved === "true" ? "1" : "";
    fetch(url, {method: "POST", body: fields({changes: changes}), credentials: "same-origin"})
      .then(function (response) {
        return response.ok ? response.json() : {others: []};
      })
      .then(function (data) {
        show(data.others);
      })
      .catch(function () {});
  }

  var seconds = parseInt(notice.dataset.heartbeatSeconds, 10) || 15;
  window.setInterval(beat, seconds * 1000);
  // Tell the others at once when the first edit is made, not at the next beat.
  form.addEventListener("input", function once(event) {
    if (!event.isTrusted) return;
    form.removeEventListener("input", once);
    window.setTimeout(beat, 100);
  });
  window.addEventListener("pagehide", function () {
    navigator.sendBeacon(url, fields({leaving: "1"}));
  });
})();

// Keeps this editor listed as present on the article, and shows who else has it open.
// Without JavaScript the change form still shows the notice on each load.
(function () {
  "use strict";
  const match = window.location.pathname.match(/^(.*\/)change\/$/);
  const form = document.querySelector("#article_form, #content-main form");
  if (!match || !form) {
    return;
  }
  const url = match[1] + "presence/";
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");

  function show(others) {
    let notice = document.getElementById("article-presence");
    if (!others.length) {
      if (notice) {
        notice.remove();
      }
      return;
    }
    if (!notice) {
      notice = document.createElement("ul");
      notice.id = "article-presence";
      notice.className = "messagelist";
      notice.setAttribute("role", "status");
      form.parentNode.insertBefore(notice, form);
    }
    notice.replaceChildren(
      ...others.map(function (other) {
        const item = document.createElement("li");
        item.className = "warning";
        item.textContent = other.message;
        return item;
      })
    );
  }

  function beat() {
    fetch(url, {
      method: "POST",
      headers: {"X-CSRFToken": token ? token.value : ""},
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : {others: []};
      })
      .then(function (data) {
        show(data.others);
      })
      .catch(function () {});
  }

  window.setInterval(beat, 60 * 1000);
})();

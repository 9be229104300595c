// Never lose typing on the article form. Leaving the page with unsaved edits asks first
// (on the add page too); on the change page the form is also posted to the autosave
// endpoint (articles/admin/autosave.py) every data-seconds and whenever a field loses
// focus, if something changed since the last autosave. The endpoint keeps it beside the
// story and never writes the story itself; reopening the story offers it back.
// Whether the form has unsaved edits is kept on the form (data-unsaved) for presence.js.
"use strict";
(function () {
  var form = document.getElementById("article_form");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var submitting = false;
  var changedSinceAutosave = false;
  var inFlight = false;
  var again = false;

  function markChanged() {
    form.dataset.unsaved = "true";
    changedSinceAutosave = true;
  }

  // Only what a person did counts: scripts filling the form as it loads do not.
  function onEdit(event) {
    if (event.isTrusted) markChanged();
  }
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  // The admin's autocomplete boxes (select2) report a choice through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("select2:select select2:unselect", markChanged);
  }

  form.addEventListener("submit", function (event) {
    // "Preview" posts the form into a pane or a new tab: this page stays, unsaved.
    var target = (event.submitter && event.submitter.formTarget) || form.target;
    if (target && target !== "_self") return;
    // "Discard them" (the autosave offer) drops the autosave; typing here is still unsaved.
    if (event.submitter && event.submitter.name === "discard") return;
    // The status box's steps other than "Submit for review" move the story as last saved
    // and leave this page: edits typed here would be lost, so leaving still asks.
    if (event.submitter && event.submitter.hasAttribute("data-moves-saved-story")) return;
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (form.dataset.unsaved !== "true" || submitting) return;
    event.preventDefault();
    event.returnValue = "";
  });

  if (!status) return;
  if (status.dataset.restored === "true") {
    // The form holds an autosave put back by the server: unsaved until Save.
    form.dataset.unsaved = "true";
  }

  function say(text, warning) {
    status.textContent = text;
    status.classList.toggle("autosave-warning", Boolean(warning));
  }

  function autosave() {
    if (inFlight) {
      // Edits made while a save is on its way go in the next one, sent when it is back.
      again = true;
      return;
    }
    if (!changedSinceAutosave || submitting) return;
    changedSinceAutosave = false;
    inFlight = true;
    var data = new FormData(form);
    var token = data.get("csrfmiddlewaretoken") || "";
    fetch(status.dataset.url, {
      method: "POST",
      body: data,
      headers: {"X-CSRFToken": token},
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (!response.ok) {
            changedSinceAutosave = true;
            say(answer.error || "Not autosaved (the server answered " + response.status +
                "). Your edits are still in this page.", true);
            return;
          }
          status.dataset.savedAt = answer.saved_at || "";
          say(answer.warning ? answer.message + " " + answer.warning : answer.message,
              answer.warning);
        });
      })
      .catch(function () {
        changedSinceAutosave = true;
        say("Not autosaved: the server could not be reached. Your edits are still in " +
            "this page.", true);
      })
      .finally(function () {
        inFlight = false;
        if (again) {
          again = false;
          autosave();
        }
      });
  }

  var seconds = parseInt(status.dataset.seconds, 10) || 30;
  window.setInterval(autosave, seconds * 1000);
  form.addEventListener("focusout", function () {
    // After the rich-text editors have copied their text into their textareas.
    window.setTimeout(autosave, 50);
  });
})();

// Names for the admin controls that third-party widgets leave unnamed, so that a screen
// reader announces each one as its label reads:
// - select2's boxes (autocomplete fields) point at their own, often empty, text;
// - the rich-text editor's editable area has no name of its own;
// - cells of tabular inlines (bylines, corrections, links) have a column header, not a label;
// - Django's date and time boxes share one label that points at neither;
// - an empty column header (the saved row's name, a "Delete?" column without permission).
// The rich-text editor also greys out the menu buttons that cannot act (link without a
// selection, undo without history) with a class only; they are marked unavailable
// (aria-disabled) so that a screen reader says so, and checkers treat them as inactive.
// Widgets appear after this script runs (select2, the editor, added inline rows), so it
// looks again whenever the page changes. Without JavaScript none of these widgets exist.
"use strict";
(() => {
  let counter = 0;

  function idOf(element) {
    if (!element.id) {
      counter += 1;
      element.id = `accessible-name-${counter}`;
    }
    return element.id;
  }

  const hasName = (element) =>
    element.hasAttribute("aria-label") ||
    (element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`));

  // The element that names a form control: its <label>, or its inline column's header.
  function namerOf(control) {
    if (control.id) {
      const label = document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
      if (label) return label;
    }
    const cell = control.closest("td");
    const table = cell && cell.closest(".inline-group table");
    if (!table) return null;
    const column = [...cell.classList].find((name) => name.startsWith("field-"));
    if (column) {
      return table.querySelector(`thead th.column-${CSS.escape(column.slice(6))}`);
    }
    if (cell.classList.contains("delete")) {
      return table.querySelector("thead th:last-child");
    }
    return null;
  }

  function labelBy(element, namer, ...others) {
    if (!namer || !namer.textContent.trim()) return;
    element.setAttribute("aria-labelledby", [idOf(namer), ...others].join(" "));
  }

  function nameSelect2(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    const namer = namerOf(select);
    const selection = container.querySelector(".select2-selection");
    const rendered = container.querySelector(".select2-selection__rendered[id]");
    if (selection && !selection.dataset.named) {
      // The chosen value stays part of the name: "Section: Politics & Security".
      labelBy(selection, namer, ...(rendered ? [rendered.id] : []));
      // The chosen value's own box (a read-only textbox, empty until a value is chosen).
      if (rendered) labelBy(rendered, namer);
      selection.dataset.named = "true";
    }
    const search = container.querySelector(".select2-search__field");
    if (search && !search.hasAttribute("aria-labelledby")) labelBy(search, namer);
  }

  // The search box of an open select2 list lives at the end of the page.
  function nameSelect2Search(search) {
    const match = /^select2-(.+)-results$/.exec(search.getAttribute("aria-controls") || "");
    const select = match && document.getElementById(match[1]);
    if (select) labelBy(search, namerOf(select));
  }

  function nameEditor(editable) {
    const textarea = editable.closest(".prose-editor")?.querySelector("textarea");
    if (textarea) labelBy(editable, namerOf(textarea));
  }

  function nameDateTimePart(input) {
    const row = input.closest(".form-row");
    const label = row && row.querySelector("label");
    const part = input.previousSibling?.textContent.trim().replace(/:$/, "");
    if (label && part) {
      input.setAttribute("aria-label", `${label.textContent.trim().replace(/:$/, "")}: ${part}`);
    }
  }

  function nameEmptyHeader(header) {
    const text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = header.classList.contains("original") ? "Saved as" : "No action";
    header.append(text);
  }

  function markUnavailable(button) {
    const unavailable =
      button.classList.contains("disabled") && !button.classList.contains("active");
    if (unavailable) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }

  // The editor toggles its buttons' classes on every change to the text.
  function watchEditorMenu(menubar) {
    menubar.dataset.statesWatched = "true";
    menubar.querySelectorAll(".prose-menubar__button").forEach(markUnavailable);
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.target.classList.contains("prose-menubar__button")) {
          markUnavailable(change.target);
        }
      }
    }).observe(menubar, { attributes: true, attributeFilter: ["class"], subtree: true });
  }

  function nameAll() {
    for (const menubar of document.querySelectorAll(
      ".prose-menubar:not([data-states-watched])",
    )) {
      watchEditorMenu(menubar);
    }
    for (const container of document.querySelectorAll(".select2-container")) {
      nameSelect2(container);
    }
    for (const search of document.querySelectorAll(
      ".select2-dropdown .select2-search__field:not([aria-labelledby])",
    )) {
      nameSelect2Search(search);
    }
    for (const editable of document.querySelectorAll(
      ".prose-editor [contenteditable]:not([aria-labelledby])",
    )) {
      nameEditor(editable);
    }
    for (const input of document.querySelectorAll("p.datetime input:not([aria-label])")) {
      nameDateTimePart(input);
    }
    for (const control of document.querySelectorAll(
      ".inline-group td input:not([type=hidden]), .inline-group td select, .inline-group td textarea",
    )) {
      if (!hasName(control) && !control.hasAttribute("aria-labelledby")) {
        labelBy(control, namerOf(control));
      }
    }
    for (const header of document.querySelectorAll(".inline-group thead th")) {
      if (!header.textContent.trim()) nameEmptyHeader(header);
    }
  }

  let queued = false;
  function nameSoon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      nameAll();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(nameSoon).observe(document.body, { childList: true, subtree: true });
  });
})();

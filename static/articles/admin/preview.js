// The "Preview" button posts the form as it stands to the preview view. On a wide
// screen the answer is shown in the pane beside the form; on a narrow one, as without
// this script, in a new tab (the button's own formtarget).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("preview-button");
  const pane = document.getElementById("preview-pane");
  const layout = document.getElementById("editor-with-preview");
  if (!button || !pane || !layout) return;
  const frame = pane.querySelector("iframe");
  const wide = window.matchMedia("(min-width: 75em)");

  function close() {
    pane.hidden = true;
    layout.classList.remove("previewing");
  }

  button.addEventListener("click", () => {
    if (wide.matches) {
      button.formTarget = frame.name;
      pane.hidden = false;
      layout.classList.add("previewing");
    } else {
      button.formTarget = "_blank";
    }
  });
  document.getElementById("preview-pane-close").addEventListener("click", () => {
    close();
    button.focus();
  });
  // Closed when the window turns narrow for good: a width crossed for a moment (a
  // window being dragged, a full-page screenshot) leaves the pane as it was.
  let narrowing;
  wide.addEventListener("change", (event) => {
    clearTimeout(narrowing);
    if (!event.matches) {
      narrowing = setTimeout(() => {
        if (!wide.matches) close();
      }, 400);
    }
  });
});

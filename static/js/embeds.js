// Click-to-load embeds (templates/articles/blocks/embed.html). The placeholder's link
// works without this script (it opens the provider's page); with it, the first click
// puts the provider's player in the placeholder's place. The player's address was
// built on the server from the allow-list, and the Content-Security-Policy's
// frame-src names only those providers.
"use strict";

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-embed-player]");
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (!link || event.button !== 0 || modified) {
    return;
  }
  event.preventDefault();
  const placeholder = link.closest(".embed-placeholder");
  const frame = document.createElement("iframe");
  frame.className = "embed-frame";
  frame.src = link.dataset.embedPlayer;
  frame.title = link.dataset.embedTitle;
  frame.allow = "fullscreen; picture-in-picture; encrypted-media";
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  const open = document.createElement("a");
  open.className = "embed-open";
  open.href = link.href;
  open.textContent = link.dataset.embedOpen;
  const after = document.createElement("p");
  after.append(open);
  placeholder.replaceWith(frame, after);
  frame.focus();
});

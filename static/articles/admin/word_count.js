// Keeps the "N words · M min read" line under the body blocks current while the writer
// types. The figure on load comes from the server (articles/admin/article.py); this file
// counts what the form holds now: rich-text and pull-quote text, not blocks marked
// for deletion nor the templates new blocks are copied from.
"use strict";
(function () {
  var WORDS_PER_MINUTE = 230; // text/measure.py
  // The rich-text editors keep their textarea current (as HTML); pull quotes are plain.
  var RICH_TEXT = 'textarea[name^="articles_richtextblock_set-"][name$="-text"]';
  var PULL_QUOTES = 'textarea[name^="articles_pullquoteblock_set-"][name$="-text"]';
  // Where a block ends the text breaks, as in text/__init__.py's html_to_text.
  var BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote)\s*>|<br\b[^>]*>/gi;

  function live(element) {
    if (element.name.indexOf("__prefix__") !== -1) return false;
    var row = element.closest(".inline-related, .order-machine-section, fieldset");
    var deleted = row && row.querySelector('input[name$="-DELETE"]');
    return !(deleted && deleted.checked);
  }

  function plainText(html) {
    // Parsed inert (no scripts run, nothing loads): only its text is read.
    var doc = new DOMParser().parseFromString(html.replace(BLOCK_END, " $&"), "text/html");
    return doc.body.textContent || "";
  }

  function countWords(text) {
    // As text/measure.py: a word has a letter or digit in it, a lone dash is not one.
    return text.split(/\s+/).filter(function (token) {
      return /[\p{L}\p{N}]/u.test(token);
    }).length;
  }

  function count(form) {
    var words = 0;
    form.querySelectorAll(RICH_TEXT).forEach(function (area) {
      if (live(area)) words += countWords(plainText(area.value));
    });
    form.querySelectorAll(PULL_QUOTES).forEach(function (area) {
      if (live(area)) words += countWords(area.value);
    });
    return words;
  }

  function label(words) {
    var minutes = words > 0 ? Math.ceil(words / WORDS_PER_MINUTE) : 0;
    var noun = words === 1 ? " word" : " words";
    return words.toLocaleString("en") + noun + " · " + minutes + " min read";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var output = document.getElementById("body-length");
    var form = output && output.closest("form");
    if (!form) return;
    // The editors copy their text into the textarea after the keystroke's input event.
    var update = function () {
      window.setTimeout(function () { output.textContent = label(count(form)); }, 50);
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
  });
})();

// Keeps the "N words · M min read" line under the body blocks current while the writer
// types. The figure on load comes from the server (articles/admin/article.py); this file
// counts what the form holds now: rich-text editors and pull-quote text, not blocks
// marked for deletion nor the empty templates new blocks are copied from.
"use strict";
(function () {
  var WORDS_PER_MINUTE = 230; // text/measure.py
  var PULL_QUOTES = 'textarea[name^="articles_pullquoteblock_set-"][name$="-text"]';

  function live(element) {
    if (element.closest(".empty-form")) return false;
    var row = element.closest(".inline-related, .order-machine-section, fieldset");
    var deleted = row && row.querySelector('input[name$="-DELETE"]');
    return !(deleted && deleted.checked);
  }

  function countWords(text) {
    // As text/measure.py: a word has a letter or digit in it, a lone dash is not one.
    return text.split(/\s+/).filter(function (token) {
      return /[\p{L}\p{N}]/u.test(token);
    }).length;
  }

  function count(form) {
    var words = 0;
    form.querySelectorAll(".ProseMirror").forEach(function (editor) {
      if (live(editor)) words += countWords(editor.innerText);
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
    var update = function () { output.textContent = label(count(form)); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
  });
})();

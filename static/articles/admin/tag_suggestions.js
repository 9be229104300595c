// Tags already in use, offered while typing into the article's tag box, so that the desk
// picks "Coast Guard" instead of starting "Coastguard". The box stays taggit's
// comma-separated text: without this script it works as before, by typing.
// Keys: arrows move through the list, Enter picks, Escape closes; a click picks too.
"use strict";
(() => {
  const SHORTEST = 2; // characters typed before the server is asked
  const PAUSE = 150; // milliseconds of quiet typing before it is asked

  // taggit reads a name with a comma or a quote only inside double quotes.
  const quoted = (name) => (/[",]/.test(name) ? `"${name.replaceAll('"', "")}"` : name);

  // What comes before the tag being typed (up to its last comma), and the tag itself.
  function split(value) {
    const cut = value.lastIndexOf(",") + 1;
    return [value.slice(0, cut), value.slice(cut).trim().replace(/^"/, "")];
  }

  function chosenNames(before) {
    return new Set(
      before
        .split(",")
        .map((name) => name.trim().replace(/^"|"$/g, "").toLowerCase())
        .filter(Boolean),
    );
  }

  function attach(input) {
    const box = document.createElement("span");
    box.className = "tag-suggestions-box";
    input.replaceWith(box);
    box.append(input);
    const list = document.createElement("ul");
    list.id = `${input.id}-suggestions`;
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Tags in use");
    list.hidden = true;
    box.append(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    let active = -1;
    let timer = null;
    let pending = null;

    function options() {
      return [...list.querySelectorAll("[role=option]")];
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const all = options();
      active = (index + all.length) % all.length;
      all.forEach((option, n) => option.setAttribute("aria-selected", String(n === active)));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function pick(name) {
      const [before] = split(input.value);
      input.value = `${before}${before ? " " : ""}${quoted(name)}, `;
      close();
      input.focus();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(names) {
      close();
      if (!names.length) return;
      names.forEach((name, n) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${n}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = name;
        // Pressing the mouse would take the focus from the box and close the list first.
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => pick(name));
        list.append(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    async function ask() {
      const [before, typed] = split(input.value);
      if (typed.length < SHORTEST) {
        close();
        return;
      }
      pending?.abort();
      pending = new AbortController();
      const url = `${input.dataset.tagSuggestions}?q=${encodeURIComponent(typed)}`;
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          signal: pending.signal,
        });
        if (!response.ok) return;
        const chosen = chosenNames(before);
        const { results } = await response.json();
        show(results.map((result) => result.name).filter((name) => !chosen.has(name.toLowerCase())));
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, PAUSE);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        // Enter picks the highlighted tag instead of sending the form.
        event.preventDefault();
        pick(options()[active].textContent);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const input of document.querySelectorAll("input[data-tag-suggestions]")) {
      attach(input);
    }
  });
})();

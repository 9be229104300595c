// "Link to one of our stories" in the body's rich-text editor (django-prose-editor).
// The button opens a dialog that searches our stories by headline (the admin's
// link-search view, which lists only stories this user may see) and links the selected
// words, or inserts the headline as a link, with the story's reference
// (/_/article/<id>/) rather than its address: readers get the story's address of the day
// (articles/links.py). Loaded by the editor as a module; no inline script or style.
import { Extension, crel, gettext } from "django-prose-editor/editor"

const WAIT_BEFORE_SEARCH = 250

const searchStories = async (url, query) => {
  const address = new URL(url, window.location.href)
  address.searchParams.set("q", query)
  const response = await fetch(address, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
  if (!response.ok) throw new Error(`search answered ${response.status}`)
  return (await response.json()).results
}

const insertLink = (editor, story) => {
  const chain = editor.chain().focus()
  if (editor.state.selection.empty && !editor.isActive("link")) {
    chain
      .insertContent({
        type: "text",
        text: story.headline,
        marks: [{ type: "link", attrs: { href: story.href } }],
      })
      .run()
  } else {
    chain.extendMarkRange("link").setLink({ href: story.href }).run()
  }
}

const openDialog = (editor, searchUrl) => {
  const idPrefix = `story-link-${Date.now()}`
  const input = crel("input", {
    type: "search",
    id: `${idPrefix}-q`,
    className: "story-link-query",
    autocomplete: "off",
    size: 40,
  })
  const status = crel("p", {
    className: "story-link-status",
    role: "status",
    textContent: gettext("Type whole words of the headline."),
  })
  const list = crel("ul", { className: "story-link-results" })
  const cancel = crel("button", {
    type: "button",
    className: "story-link-cancel",
    textContent: gettext("Cancel"),
  })
  const dialog = crel(
    "dialog",
    { className: "prose-editor-dialog story-link-dialog", "aria-labelledby": `${idPrefix}-title` },
    [
      crel("h3", {
        id: `${idPrefix}-title`,
        className: "prose-editor-dialog-title",
        textContent: gettext("Link to one of our stories"),
      }),
      crel("label", { htmlFor: input.id, textContent: gettext("Headline contains") }),
      input,
      status,
      list,
      crel("div", { className: "prose-editor-dialog-buttons" }, [cancel]),
    ],
  )
  document.body.append(dialog)

  let timer = null
  let asked = ""
  const show = (stories) => {
    list.replaceChildren(
      ...stories.map((story) => {
        const choose = crel("button", {
          type: "button",
          className: "story-link-choice",
          "data-reference": story.href,
        })
        choose.append(
          crel("span", { className: "story-link-headline", textContent: story.headline }),
          crel("span", {
            className: "story-link-about",
            textContent: `${story.section} · ${story.status}`,
          }),
        )
        choose.addEventListener("click", () => {
          dialog.close()
          insertLink(editor, story)
        })
        return crel("li", {}, [choose])
      }),
    )
    status.textContent = stories.length
      ? `${stories.length} ${stories.length === 1 ? gettext("story") : gettext("stories")}`
      : gettext("No story you may see has these words in its headline.")
  }
  const search = async () => {
    const query = input.value.trim()
    asked = query
    if (query.length < 2) {
      list.replaceChildren()
      status.textContent = gettext("Type whole words of the headline.")
      return
    }
    try {
      const stories = await searchStories(searchUrl, query)
      if (asked === query) show(stories)
    } catch (error) {
      status.textContent = gettext("The search did not answer; try again.")
    }
  }
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(search, WAIT_BEFORE_SEARCH)
  })
  input.addEventListener("keydown", (event) => {
    // Enter would submit the article form around the editor.
    if (event.key === "Enter") {
      event.preventDefault()
      clearTimeout(timer)
      search()
    }
  })
  cancel.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => dialog.remove())
  dialog.showModal()
  input.focus()
}

export const ArticleLink = Extension.create({
  name: "articleLink",

  addOptions() {
    return { searchUrl: "" }
  },

  addMenuItems({ menu, buttons }) {
    const searchUrl = this.options.searchUrl
    menu.defineItem({
      name: "articleLink",
      groups: "link",
      command(editor) {
        openDialog(editor, searchUrl)
      },
      button: buttons.material("newspaper", gettext("Link to one of our stories")),
    })
  },
})

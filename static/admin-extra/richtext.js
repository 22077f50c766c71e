// The rich-text editor for every formatted-text field (publishing/fields.py).
//
// django-prose-editor's configurable preset, started the way our Content-Security-Policy
// allows: the editor module is imported by its relative URL (no inline import map), and
// Tiptap is told not to inject a <style> element (injectCSS: false; editor.css has the
// rules). The extensions and their options come from the textarea's data attribute, which
// the server writes from the same list the sanitiser allows.
import * as editorModule from "../django_prose_editor/editor.js";

const { Editor, Extension, crel, initializeEditors, updateAttrsDialog } = editorModule
const marker = "data-django-prose-editor-configurable"

// A menu button that inserts an image chosen from the library: its address
// (/library/images/<id>/) is the only kind of image the sanitiser keeps.
function libraryImage(listUrl, words) {
  return Extension.create({
    name: "libraryImage",
    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name: "libraryImage",
        groups: "nodes",
        button: buttons.material("image", words.button),
        async command(editor) {
          const response = await fetch(listUrl, { credentials: "same-origin" })
          const { images } = await response.json()
          if (!images.length) {
            return
          }
          const labels = images.map((image) => `${image.id}: ${image.alt}`)
          const chosen = await updateAttrsDialog(
            { image: { title: words.image, enum: labels } },
            { title: words.button, submitText: words.insert },
          )(editor, { image: labels[0] })
          const image = chosen && images[labels.indexOf(chosen.image)]
          if (image) {
            editor.chain().focus().setImage({ src: image.address, alt: image.alt }).run()
          }
        },
      })
    },
  })
}

function extensionsFrom(config) {
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = editorModule[name]
    if (extension) {
      extensions.push(typeof options === "object" ? extension.configure(options) : extension)
    }
  }
  return extensions
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return null
  }
  const config = JSON.parse(textarea.getAttribute(marker) || "{}")
  const disabled = textarea.hasAttribute("disabled")
  const element = crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` })
  textarea.before(element)
  element.append(textarea)
  return new Editor({
    element,
    editable: !disabled,
    extensions: [
      ...extensionsFrom(config),
      ...(textarea.dataset.libraryImages
        ? [libraryImage(textarea.dataset.libraryImages, JSON.parse(textarea.dataset.libraryImagesWords))]
        : []),
    ],
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor }) {
      textarea.value = editor.getHTML()
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      element.before(textarea)
      element.remove()
    },
  })
}

initializeEditors(createEditor, `[${marker}]`)

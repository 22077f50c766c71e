// The rich-text editor for every formatted-text field (publishing/fields.py).
//
// django-prose-editor's configurable preset, started the way our Content-Security-Policy
// allows: the editor module is imported by its relative URL (no inline import map), and
// Tiptap is told not to inject a <style> element (injectCSS: false; editor.css has the
// rules). The extensions and their options come from the textarea's data attribute, which
// the server writes from the same list the sanitiser allows.
import * as editorModule from "../django_prose_editor/editor.js";

const { Editor, crel, initializeEditors } = editorModule
const marker = "data-django-prose-editor-configurable"

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
    extensions: extensionsFrom(config),
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

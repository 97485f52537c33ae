// The parts of CodeMirror 6 that editor.js uses, bundled into one ES module
// (codemirror.js beside this file, not committed) by `npm run build:editor`,
// which `./dev` runs whenever package-lock.json or this file changes. The
// versions are pinned in package.json / package-lock.json.
export {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
} from "@codemirror/view";
export { EditorState, Prec } from "@codemirror/state";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export {
  syntaxHighlighting,
  indentOnInput,
  bracketMatching,
  indentUnit,
} from "@codemirror/language";
export { pythonLanguage } from "@codemirror/lang-python";
export { classHighlighter } from "@lezer/highlight";

/*
 * mkdocs-stlite editor: a reader edits an example and runs it in place.
 *
 * embed.js imports this module the first time a reader clicks an example's
 * Edit button, so a page's first view loads none of it (nor CodeMirror, nor
 * editor.css). It knows nothing of stlite: to run code it dispatches, on the
 * example's live-app box (`.stlite-embed__app`),
 *
 *   stlite-embed:run-code   detail {code, reset, start}   (bubbles)
 *
 * and embed.js writes `code` into that example's app (see LiveApp.runCode
 * there). `reset: true` says the code is the original file again; `start:
 * true` (Run) also starts an app that has not started yet.
 *
 * Per example (`.stlite-embed`) the editor replaces the highlighted code in
 * the Code tab with CodeMirror (Python, line numbers, the site's code colours
 * in light and dark). Tab indents; Esc then Tab moves on (CodeMirror's own
 * escape hatch, so the editor is no keyboard trap); Ctrl/Cmd+Enter runs.
 * The edited text is kept in sessionStorage per example, so it survives
 * switching tabs, instant navigation away and back, and reloads; a page that
 * shows the same example opens its editor with the same text, since it shows
 * the same live app.
 *
 * Sharing: the example's "Open in playground" link and the editor's "Copy link
 * to my version" carry the edited code in a form stlite's sharing app reads
 * (see playgroundLink below). A link longer than LINK_LIMIT is not offered for
 * copying; the reader gets a download of the edited file instead.
 *
 * Events on `document` (detail {embed, entry}): stlite-editor:open,
 * stlite-editor:close, stlite-editor:run (detail.code too).
 */
import {
  EditorState,
  EditorView,
  Prec,
  bracketMatching,
  classHighlighter,
  defaultKeymap,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  history,
  historyKeymap,
  indentOnInput,
  indentUnit,
  indentWithTab,
  keymap,
  lineNumbers,
  pythonLanguage,
  syntaxHighlighting,
} from "./codemirror.js";

/**
 * The longest link offered for copying. Forum software, chat tools and many
 * web servers cut or refuse URLs somewhere between 2 000 and 8 190
 * characters; 8 000 keeps the link under the common 8 KiB request-line limit.
 */
export const LINK_LIMIT = 8000;

const STORE_PREFIX = "mkdocs-stlite.edit:";
const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const RUN_KEY = MAC ? "⌘+Enter" : "Ctrl+Enter";

const TEXT = {
  edit: "Edit",
  close: "Close editor",
  run: "Run",
  reset: "Reset",
  copy: "Copy link to my version",
  label: (name) => `Edit ${name}`,
  hint: `Tab indents. To leave the editor press Esc, then Tab. ${RUN_KEY} runs the code.`,
  tooLong: (length) =>
    `A link to your version would be ${length.toLocaleString("en")} characters long, ` +
    `too long for a forum post (the limit here is ${LINK_LIMIT.toLocaleString("en")}). `,
  download: (name) => `Download your ${name}`,
};

const editors = new Map(); // .stlite-embed element -> Editor

/* ------------------------------------------------------------------------ *
 * Share links, in the two hash forms stlite's sharing app reads
 * ------------------------------------------------------------------------ */

/** Plain form: `#code=` + the URI-encoded file (run as streamlit_app.py). */
export function plainLink(base, code) {
  return `${base}#code=${encodeURIComponent(code)}`;
}

function varint(value, out) {
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
}

/** A length-delimited protobuf field (wire type 2). */
function field(number, bytes, out) {
  out.push((number << 3) | 2);
  varint(bytes.length, out);
  for (const byte of bytes) out.push(byte);
}

/**
 * Encoded form: `#!` + base64 of the protobuf message AppData
 * {1: entrypoint, 2: map<path, File{1: text}>, 3: requirements}; the sharing
 * app's base64 variant swaps only the first "+", "/" and "=" for "-", "_"
 * and ",". Shorter than the plain form for most code (no %20 per space).
 */
export function appDataLink(base, entry, code) {
  const utf8 = new TextEncoder();
  const file = [];
  field(1, utf8.encode(code), file); // File.text
  const mapEntry = [];
  field(1, utf8.encode(entry), mapEntry); // key
  field(2, file, mapEntry); // value
  const message = [];
  field(1, utf8.encode(entry), message); // AppData.entrypoint
  field(2, mapEntry, message); // AppData.files
  let binary = "";
  for (const byte of message) binary += String.fromCharCode(byte);
  const base64 = btoa(binary).replace("+", "-").replace("/", "_").replace("=", ",");
  return `${base}#!${base64}`;
}

/** The shorter of the two forms. */
export function playgroundLink(base, entry, code) {
  const plain = plainLink(base, code);
  const encoded = appDataLink(base, entry, code);
  return encoded.length < plain.length ? encoded : plain;
}

/* ------------------------------------------------------------------------ *
 * One example's editor
 * ------------------------------------------------------------------------ */

// Keyed by example, not by page: two pages that show the same example show
// the same live app (embed.js), so they show the same edit too.
function storeKey(entry) {
  return `${STORE_PREFIX}${entry}`;
}

function loadEdit(entry) {
  try {
    return sessionStorage.getItem(storeKey(entry));
  } catch {
    return null;
  }
}

function saveEdit(entry, code) {
  try {
    if (code === null) sessionStorage.removeItem(storeKey(entry));
    else sessionStorage.setItem(storeKey(entry), code);
  } catch {
    // Storage may be full or blocked: the edit still lives in the editor.
  }
}

function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(`stlite-editor:${name}`, { detail }));
}

function button(className, text) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = `stlite-editor__button ${className}`;
  node.textContent = text;
  return node;
}

class Editor {
  constructor(embed) {
    this.embed = embed;
    this.entry = embed.dataset.snippet;
    this.app = embed.querySelector(".stlite-embed__app");
    this.codeBlock = embed.querySelector(".tabbed-block .highlight");
    this.original = this.codeBlock.querySelector("pre > code").textContent;
    this.editButton = embed.querySelector(".stlite-embed__edit");
    this.playground = embed.querySelector(".stlite-embed__playground");
    this.playgroundBase = this.playground ? this.playground.href.split("#")[0] : "";
    this.build();
  }

  build() {
    const root = (this.root = document.createElement("div"));
    root.className = "stlite-editor";
    root.id = `${this.embed.id}-editor`;
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", TEXT.label(this.entry));

    const bar = document.createElement("div");
    bar.className = "stlite-editor__bar";
    this.runButton = button("stlite-editor__run", TEXT.run);
    this.runButton.title = `Run this code in the live app (${RUN_KEY})`;
    this.runButton.addEventListener("click", () => this.run());
    this.resetButton = button("stlite-editor__reset", TEXT.reset);
    this.resetButton.title = "Bring back the example's own code";
    this.resetButton.addEventListener("click", () => this.reset());
    bar.append(this.runButton, this.resetButton);
    if (this.playgroundBase) {
      // Material's clipboard handler copies data-clipboard-text on click.
      this.copyButton = button("stlite-editor__copy", TEXT.copy);
      this.copyButton.title = "Copy a link that opens your version in stlite's playground";
      bar.append(this.copyButton);
    }

    const hintId = `${this.embed.id}-editor-hint`;
    const hint = document.createElement("p");
    hint.className = "stlite-editor__hint";
    hint.id = hintId;
    hint.textContent = TEXT.hint;

    this.note = document.createElement("p");
    this.note.className = "stlite-editor__note";
    this.note.setAttribute("role", "status");
    this.note.hidden = true;

    const host = document.createElement("div");
    host.className = "stlite-editor__view";
    root.append(bar, host, hint, this.note);

    const saved = loadEdit(this.entry);
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: saved !== null ? saved : this.original,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          indentUnit.of("    "),
          EditorState.tabSize.of(4),
          pythonLanguage,
          syntaxHighlighting(classHighlighter),
          Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (this.run(), true) }])),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({
            "aria-label": TEXT.label(this.entry),
            "aria-describedby": hintId,
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) this.changed();
          }),
        ],
      }),
    });
    this.changed();
  }

  get code() {
    return this.view.state.doc.toString();
  }

  /** Keep the edit, and point the share links at it. */
  changed() {
    const code = this.code;
    saveEdit(this.entry, code === this.original ? null : code);
    this.updateReset();
    if (!this.playgroundBase) return;
    const link = playgroundLink(this.playgroundBase, this.entry, code);
    this.playground.href = link;
    const tooLong = link.length > LINK_LIMIT;
    this.copyButton.hidden = tooLong;
    if (tooLong) this.copyButton.removeAttribute("data-clipboard-text");
    else this.copyButton.setAttribute("data-clipboard-text", link);
    this.note.hidden = !tooLong;
    this.note.replaceChildren();
    if (tooLong) {
      const download = document.createElement("a");
      download.className = "stlite-editor__download";
      download.href = `data:text/x-python;charset=utf-8,${encodeURIComponent(code)}`;
      download.download = this.entry;
      download.textContent = TEXT.download(this.entry);
      this.note.append(TEXT.tooLong(link.length), download);
    }
  }

  /** Send the code to the example's live app and show it. */
  run() {
    const code = this.code;
    this.showTabOf(this.app);
    // The file itself is a reset: nothing of the reader's is left to run.
    const reset = code === this.original;
    this.app.dispatchEvent(
      new CustomEvent("stlite-embed:run-code", { bubbles: true, detail: { code, reset, start: true } }),
    );
    emit("run", { embed: this.embed, entry: this.entry, code });
    this.updateReset();
  }

  /** Reset has something to do: text of the reader's, or their code in the app. */
  updateReset() {
    this.resetButton.disabled = this.code === this.original && !this.appRunsEdit;
  }

  /** Does the live app run the reader's code? embed.js knows (it keeps one
   * app per example for the whole document, across pages and editors). */
  get appRunsEdit() {
    return this.app.hasAttribute("data-stlite-edited");
  }

  /** The file again, in the editor and (if it ran something else) in the app. */
  reset() {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: this.original },
    });
    if (this.appRunsEdit) {
      this.app.dispatchEvent(
        new CustomEvent("stlite-embed:run-code", {
          bubbles: true,
          detail: { code: this.original, reset: true, start: false },
        }),
      );
    }
    this.changed();
    this.view.focus();
  }

  /** Open the content tab that holds `node`, as a reader's click does. */
  showTabOf(node) {
    const block = node.closest(".tabbed-block");
    const set = block && block.closest(".tabbed-set");
    if (!set) return;
    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
    const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    const label = labels[blocks.indexOf(block)];
    if (label) label.click();
  }

  open({ focus }) {
    if (!this.root.isConnected) this.codeBlock.before(this.root);
    this.root.hidden = false;
    this.codeBlock.hidden = true;
    this.setButton(true);
    this.showTabOf(this.codeBlock);
    if (focus) this.view.focus();
    emit("open", { embed: this.embed, entry: this.entry });
  }

  close() {
    this.root.hidden = true;
    this.codeBlock.hidden = false;
    this.setButton(false);
    emit("close", { embed: this.embed, entry: this.entry });
  }

  get isOpen() {
    return this.root.isConnected && !this.root.hidden;
  }

  setButton(open) {
    if (!this.editButton) return;
    this.editButton.textContent = open ? TEXT.close : TEXT.edit;
    this.editButton.setAttribute("aria-expanded", open ? "true" : "false");
    this.editButton.setAttribute("aria-controls", this.root.id);
  }
}

function editorFor(embed) {
  let editor = editors.get(embed);
  if (!editor) {
    editor = new Editor(embed);
    editors.set(embed, editor);
  }
  return editor;
}

/** The Edit button: open the example's editor, or close it again. */
export function toggle(embed) {
  const editor = editorFor(embed);
  if (editor.isOpen) editor.close();
  else editor.open({ focus: true });
}

/* ------------------------------------------------------------------------ *
 * Each page: its stylesheet, and the editors the reader left with edits
 * ------------------------------------------------------------------------ */

const STYLESHEET = new URL("editor.css", import.meta.url).href;

function ensureStylesheet() {
  // Material drops <head> nodes the next page does not list: put it back.
  if (document.querySelector(`link[data-stlite-editor]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET;
  link.setAttribute("data-stlite-editor", "");
  document.head.appendChild(link);
}

// The page this module was loaded on: the reader's click opens its editor.
const firstPage = new Set(document.querySelectorAll(".stlite-embed"));

function showPage() {
  ensureStylesheet();
  for (const [embed] of editors) if (!embed.isConnected) editors.delete(embed);
  for (const embed of document.querySelectorAll(".stlite-embed")) {
    if (firstPage.has(embed) || editors.has(embed)) continue;
    const saved = loadEdit(embed.dataset.snippet);
    if (saved !== null && embed.querySelector(".stlite-embed__app")) {
      editorFor(embed).open({ focus: false });
    }
  }
}

ensureStylesheet();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe({ next: showPage });
}

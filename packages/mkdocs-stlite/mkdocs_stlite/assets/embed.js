/*
 * mkdocs-stlite: runs the live apps of a page with stlite.
 *
 * The plugin loads this module once per document. Material for MkDocs swaps
 * the page content on "instant" navigation without reloading, and announces
 * every new page (the first one included) on its global `document$`
 * observable. This is the only file that knows stlite's API (`mount()`, the
 * kernel's load events, the host messages of Streamlit's frontend).
 *
 * One app per example per document. stlite's `unmount()` only closes the
 * page's end of the shared worker's port: the worker keeps that app's
 * Streamlit runtime and session, so mounting again on every visit would pile
 * them up. Instead each example is mounted once.
 *
 * Start. Nothing is asked of a third party (Pyodide's CDN) before the reader
 * acts: each idle box gets a "Start the live app" button (made here, so a
 * page without JavaScript shows no dead control), and a click on the poster
 * does the same. Once the reader has started one example in this document,
 * the runtime is on its way anyway, so every later example (on this page or
 * the next ones) mounts by itself the first time its box comes near the
 * viewport, in the same shared worker (a box in a closed tab has no size, so
 * it mounts when the reader opens its tab).
 * When the reader leaves the page, the app's container is parked in a hidden,
 * inert holder outside the page content, and while parked the app's automatic
 * reruns (`st.fragment(run_every=...)`, driven by timers in Streamlit's
 * frontend) are held back: this module drops the rerun requests flagged as
 * automatic on their way to the worker. When the reader comes back, the same
 * container moves into the new page's box, as the reader left it.
 *
 * Theme. Streamlit's frontend takes host messages posted on its window from
 * an allowed origin (`hostConfig.allowedOrigins`); since its own window is
 * the page's, every app hears them. Host communication normally opens only
 * once Python has booted; `window.__streamlit.HOST_CONFIG` (read once when
 * stlite.js is imported) opens it at mount. Every app is sent the page's
 * palette (`SET_CUSTOM_THEME_CONFIG` with the preset "Light" or "Dark") when
 * it announces itself (`GUEST_READY`) and whenever the reader toggles
 * Material's palette: no remount, no state lost.
 *
 * Keys. Streamlit binds `r` (rerun) and `c` (clear caches) on the whole
 * document, for every app at once, parked ones included. This module stops
 * those two keys (without Ctrl/Alt/Meta, outside text fields) before any
 * other handler sees them, anywhere on the page, inside an app's box too: no
 * stlite API reruns one app alone, and a site about reruns must not show
 * reruns nobody asked for. Reruns come from the app's own widgets. All other
 * keys (Material's `/`, `f`, `s`, `n`, `p`...) are left alone.
 *
 * Wheels. The box's `data-stlite-wheels` lists wheels served by the site;
 * they are loaded (`prebuiltPackageNames`, which Pyodide's loadPackage
 * accepts as wheel URLs) before micropip installs Streamlit, so micropip
 * finds them installed and never queries the package index.
 *
 * Failures. The module shows its own loading state and, when the runtime
 * cannot boot, a short message with a Retry button instead of an endless
 * spinner. A failed attempt is unmounted (a dedicated worker is terminated).
 * After a failure or a stall in the shared worker, later attempts each get a
 * dedicated worker, which Retry and failures can really end.
 *
 * Each box gets `data-stlite-state` = idle | loading | ready | stalled |
 * failed, and the module dispatches these events on `document` (detail:
 * `{app, entry, attempt, ...}`, where `app` is the box):
 *   stlite-embed:state    the box's state changed (detail.state)
 *   stlite-embed:mount    mount() was called (detail.container: its target,
 *                         detail.controller: what mount() returned)
 *   stlite-embed:ready    the app finished loading
 *   stlite-embed:error    the app cannot start (detail.reason)
 *   stlite-embed:unmount  the app was unmounted (after a failure, or Retry)
 *   stlite-embed:park     the reader left its page; detail.container parked
 *   stlite-embed:restore  the reader is back; detail.container in the box
 *   stlite-embed:held     a parked app's automatic rerun was held back
 *   stlite-embed:theme    the palette was sent to the apps (detail.themeName)
 *   stlite-embed:key      a stopped r/c key (detail.key)
 *   stlite-embed:write    code from the editor goes to the app (detail.code;
 *                         detail.via = "writeFile" on the kept controller,
 *                         or "mount" when the app starts with it)
 *   stlite-embed:written  stlite confirmed the writeFile
 *
 * Editing. The example editor (editor.js, imported on the first click on an
 * Edit button) asks for a run by dispatching `stlite-embed:run-code` (detail
 * `{code, reset, start}`) on the app box. A mounted app (on screen, or parked and
 * restored) gets the code through its own controller's `writeFile`, and
 * Streamlit's `server.runOnSave` reruns it: never a second mount, so never a
 * second session in the shared worker. An app not mounted yet starts with the
 * code; one that failed starts again by the Retry rules above.
 */

const NEAR_VIEWPORT = "400px 0px";
// With no load progress for this long the reader is told, with a Retry
// button; the attempt keeps going and shows the app if it still finishes.
const STALL_MS = 20000;

const TEXT = {
  idle: "A picture of the app's first screen. Start it to run it here, in your browser.",
  idleNoPoster: "This example runs Streamlit in your browser once you start it.",
  idleAfterStart: "This example starts when you scroll to it.",
  start: "Start the live app",
  starting: "Starting Python in your browser…",
  failed: (reason) =>
    `The live app could not start: ${reason}. The Code tab still shows the whole example.`,
  retry: "Retry",
};

// stlite's own progress messages, shown under the loading text, except the
// ones that are not true from the reader's side: a shared worker tells every
// later app "Pyodide is already loaded." as soon as a first app has *started*
// loading it (and even when that load failed).
const PROGRESS_SHOWN = (detail) =>
  /already loaded/i.test(detail) ? "Sharing one Python with the other examples." : detail;

const REASONS = {
  noWasm: "this browser cannot run WebAssembly",
  noModule: "the stlite runtime could not be downloaded",
  mountFailed: "the stlite runtime failed to start",
  offline: "Python (Pyodide) could not be downloaded, maybe because you are offline",
  boot: (detail) => `Python failed to start (${detail})`,
  stalled: `loading has made no progress for ${STALL_MS / 1000} seconds (a slow or blocked network?)`,
};

// Streamlit's host-message protocol (its HostCommunicationManager).
const HOST_COMM_VERSION = 1;
// Streamlit's preset theme names.
const THEME_NAMES = { light: "Light", dark: "Dark" };

function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(`stlite-embed:${name}`, { detail }));
}

/* ------------------------------------------------------------------------ *
 * The runtime: imported once per module URL, on first need
 * ------------------------------------------------------------------------ */

const runtimes = new Map(); // absolute stlite.js URL -> Promise<module>
// Code a reader ran from the editor, per example: a later mount of the
// example (its first start, Retry) starts with it.
const editedCode = new Map(); // entry -> code
// stlite's shared worker loads Pyodide once and keeps that promise, failed or
// not, for as long as the worker lives, which is as long as this document
// (instant navigation never reloads it). After a failed or stalled boot in the
// shared worker, later attempts (Retry, apps on later pages) get a dedicated
// worker each, so that they really try again and can be ended.
let sharedWorkerBroken = false;
// Set once the reader starts an example (button or poster): from then on, the
// examples of this document start when they come near the viewport.
let readerStarted = false;
// Nodes the runtime put in <head> (its stylesheet and the styles its modules
// insert once on import). Material replaces <head> entries that the next page
// does not list, so these are put back after every navigation.
const runtimeHeadNodes = new Set();

function restoreRuntimeHeadNodes() {
  for (const node of runtimeHeadNodes) {
    if (!node.isConnected) document.head.appendChild(node);
  }
}

function hostConfig() {
  return { allowedOrigins: [location.origin], useExternalAuthToken: false };
}

/** Streamlit reads `window.__streamlit` once, when its bundle is imported. A
 * host config there opens host communication as soon as an app mounts (not
 * only after Python has booted), so the theme applies while Python loads. The
 * bypass it enables also needs BACKEND_BASE_URL, which stlite does not use to
 * connect (its apps talk to the worker). */
function configureStreamlitWindow() {
  const own = window.__streamlit && typeof window.__streamlit === "object" ? window.__streamlit : {};
  window.__streamlit = {
    ...own,
    BACKEND_BASE_URL: own.BACKEND_BASE_URL || new URL("./", location.href).href,
    HOST_CONFIG: { ...hostConfig(), ...(own.HOST_CONFIG || {}) },
  };
}

function loadRuntime(moduleUrl) {
  let pending = runtimes.get(moduleUrl);
  if (pending) return pending;

  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("stlite.css", moduleUrl).href;
  css.setAttribute("data-stlite-embed", "");
  document.head.appendChild(css);
  runtimeHeadNodes.add(css);

  configureStreamlitWindow();
  const before = new Set(document.head.children);
  pending = import(moduleUrl).then((module) => {
    if (typeof module.mount !== "function") {
      throw new TypeError(`${moduleUrl} does not export mount()`);
    }
    for (const node of document.head.children) {
      if (!before.has(node) && node.nodeName === "STYLE") runtimeHeadNodes.add(node);
    }
    return module;
  });
  runtimes.set(moduleUrl, pending);
  // A failed download may be retried with a fresh import().
  pending.catch(() => {
    if (runtimes.get(moduleUrl) === pending) runtimes.delete(moduleUrl);
    css.remove();
    runtimeHeadNodes.delete(css);
  });
  return pending;
}

function hasWebAssembly() {
  return typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";
}

/** A reader-facing reason for the kernel's loadError detail (an Error). */
function bootFailure(error) {
  const message = String((error && error.message) || error || "").trim();
  if (!message || /fetch|network|dynamically imported module|importScripts/i.test(message)) {
    return REASONS.offline;
  }
  const short = message.split("\n")[0];
  return REASONS.boot(short.length > 120 ? `${short.slice(0, 117)}…` : short);
}

/**
 * stlite's `files` option for a box: its one snippet, or, for a multi-file
 * example, every file listed in `data-stlite-files` (mount path -> URL); an
 * edited entry (text) replaces the entry's URL.
 */
function filesToMount(box, editedEntry) {
  const urls = box.dataset.stliteFiles
    ? JSON.parse(box.dataset.stliteFiles)
    : { [box.dataset.stliteEntry]: box.dataset.stliteSrc };
  const files = {};
  for (const [path, url] of Object.entries(urls)) {
    files[path] = { url: new URL(url, location.href).href };
  }
  // The reader's edit (the editor) replaces the entry file's text.
  if (editedEntry !== undefined) files[box.dataset.stliteEntry] = editedEntry;
  return files;
}

function colorScheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
}

/* ------------------------------------------------------------------------ *
 * Theme: the page's palette, sent to every app
 * ------------------------------------------------------------------------ */

function sendTheme() {
  const themeName = THEME_NAMES[colorScheme()];
  // Same window, own origin: Streamlit accepts it as its host's message.
  window.postMessage(
    { stCommVersion: HOST_COMM_VERSION, type: "SET_CUSTOM_THEME_CONFIG", themeName },
    location.origin,
  );
  emit("theme", { themeName });
}

function followPalette() {
  // An app announces itself once its host communication is open.
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.stCommVersion !== HOST_COMM_VERSION) return;
    if (data.type === "GUEST_READY") sendTheme();
  });
  let scheme = colorScheme();
  new MutationObserver(() => {
    if (colorScheme() === scheme) return;
    scheme = colorScheme();
    if (registry.size) sendTheme();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

/* ------------------------------------------------------------------------ *
 * Keys: Streamlit's document-wide r / c never fire
 * ------------------------------------------------------------------------ */

// Streamlit binds its shortcuts with hotkeys-js, on keydown and on keyup,
// and hotkeys-js reads a letter from event.key, else from event.code, else
// from keyCode: r is 82, c is 67.
const STREAMLIT_KEYS = new Set([82, 67]);

function hotkeyCode(event) {
  if (event.key && /^[a-z]$/i.test(event.key)) return event.key.toUpperCase().charCodeAt(0);
  if (event.code && /^Key[A-Z]$/.test(event.code)) return event.code.charCodeAt(3);
  return event.keyCode;
}

function isEditable(target) {
  if (!(target instanceof Element)) return false;
  return Boolean(
    target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"),
  );
}

function guardKeys() {
  // Capturing on window runs before everything else on the page, Streamlit's
  // document listeners included.
  const stop = (event) => {
    if (!STREAMLIT_KEYS.has(hotkeyCode(event))) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0] || event.target;
    if (isEditable(target)) return;
    event.stopImmediatePropagation();
    if (event.type === "keydown") {
      const inApp = target instanceof Element && !!target.closest(".stlite-embed__app");
      emit("key", { key: event.key, inApp });
    }
  };
  window.addEventListener("keydown", stop, { capture: true });
  window.addEventListener("keyup", stop, { capture: true });
}

/* ------------------------------------------------------------------------ *
 * Automatic reruns of a parked app are held back
 * ------------------------------------------------------------------------ */

// BackMsg.rerun_script is field 11; ClientState.is_auto_rerun is field 6
// (Streamlit's protobuf definitions).
const RERUN_SCRIPT_FIELD = 11;
const IS_AUTO_RERUN_FIELD = 6;

/** The fields of a protobuf message: [[field, wireType, value]], or null. */
function protoFields(bytes) {
  const fields = [];
  let i = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (i >= bytes.length || shift > 49) throw new RangeError("bad varint");
      const byte = bytes[i++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  try {
    while (i < bytes.length) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) fields.push([field, wire, varint()]);
      else if (wire === 1) (i += 8), fields.push([field, wire, null]);
      else if (wire === 5) (i += 4), fields.push([field, wire, null]);
      else if (wire === 2) {
        const length = varint();
        fields.push([field, wire, bytes.subarray(i, i + length)]);
        i += length;
      } else return null;
      if (i > bytes.length) return null;
    }
  } catch {
    return null;
  }
  return fields;
}

function isAutoRerun(payload) {
  if (!(payload instanceof Uint8Array)) return false;
  const top = protoFields(payload);
  const rerun = top && top.find(([field, wire]) => field === RERUN_SCRIPT_FIELD && wire === 2);
  const state = rerun && protoFields(rerun[2]);
  return Boolean(state && state.some(([field, wire, v]) => field === IS_AUTO_RERUN_FIELD && wire === 0 && v));
}

/* ------------------------------------------------------------------------ *
 * Parked apps live here while their page is not shown
 * ------------------------------------------------------------------------ */

let parkingLot = null;

function parking() {
  if (!parkingLot || !parkingLot.isConnected) {
    parkingLot = document.createElement("div");
    parkingLot.className = "stlite-embed-parking";
    parkingLot.setAttribute("aria-hidden", "true");
    parkingLot.inert = true;
    // Laid out (apps keep their width) but invisible and out of reach.
    Object.assign(parkingLot.style, {
      position: "fixed",
      left: "-10000px",
      top: "0",
      visibility: "hidden",
      pointerEvents: "none",
      contain: "strict",
      width: "0",
      height: "0",
      overflow: "hidden",
    });
    document.body.appendChild(parkingLot);
  }
  return parkingLot;
}

/* ------------------------------------------------------------------------ *
 * One example: mounted at most once per document
 * ------------------------------------------------------------------------ */

const registry = new Map(); // entry (snippet file name) -> LiveApp

class LiveApp {
  constructor(entry) {
    this.entry = entry;
    this.box = null;
    this.page = null;
    this.state = "idle";
    this.attempt = 0; // bumped by every start and stop: stale async steps see it
    this.controller = null;
    this.container = null;
    this.parked = false;
    this.kernelListeners = null;
    this.stallTimer = 0;
    this.progress = "";
    this.status = null;
  }

  /** Show this example in `box` (a box of the page now shown). */
  attach(box, page) {
    this.box = box;
    this.page = page;
    this.status = box.querySelector(".stlite-embed__status");
    this.markEdited();
    if (this.container) {
      this.restore();
      return false; // nothing to start
    }
    this.setState("idle");
    this.showIdle();
    return true;
  }

  /** Idle: say what the box is and how to start it, with a Start button. */
  showIdle() {
    const poster = this.box.classList.contains("stlite-embed__app--poster");
    const text = readerStarted ? TEXT.idleAfterStart : poster ? TEXT.idle : TEXT.idleNoPoster;
    this.showStatus(text, "");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "stlite-embed__start";
    button.textContent = TEXT.start;
    button.setAttribute("aria-label", `${TEXT.start}: ${this.entry}`);
    button.addEventListener("click", () => {
      const box = this.box;
      if (this.page) this.page.startFromPoster(box);
      // The button goes with the idle state: keep the focus in this example.
      if (box.isConnected) box.focus({ preventScroll: true });
    });
    this.status.append(" ", button);
  }

  get mounted() {
    return this.container !== null;
  }

  /** Still the attempt `attempt`, on a page being shown? */
  isCurrent(attempt) {
    return attempt === this.attempt && this.page && this.page.active && this.box.isConnected;
  }

  /** Still the attempt `attempt` (shown or parked)? */
  isLive(attempt) {
    return attempt === this.attempt && this.controller !== null;
  }

  setState(state) {
    this.state = state;
    if (this.box) this.box.dataset.stliteState = state;
    emit("state", { app: this.box, entry: this.entry, attempt: this.attempt, state });
  }

  async start() {
    if (this.mounted) return;
    const attempt = ++this.attempt;
    this.progress = "";
    this.clearMessage();
    this.showStatus(TEXT.starting, "");
    this.setState("loading");
    // Also covers a download of stlite.js that never ends.
    this.armStallTimer(attempt);

    if (!hasWebAssembly()) {
      this.fail(REASONS.noWasm);
      return;
    }

    const box = this.box;
    let runtime;
    try {
      const moduleUrl = new URL(box.dataset.stliteModule, location.href).href;
      runtime = await loadRuntime(moduleUrl);
    } catch (error) {
      if (this.isCurrent(attempt)) this.fail(REASONS.noModule, error);
      return;
    }
    // The reader may have left the page (or pressed Retry) meanwhile.
    if (!this.isCurrent(attempt)) return;

    const container = document.createElement("div");
    container.className = "stlite-embed__mount";
    box.appendChild(container);

    const entry = this.entry;
    const wheels = (box.dataset.stliteWheels || "")
      .split(/\s+/)
      .filter(Boolean)
      .map((url) => new URL(url, location.href).href);
    const edited = editedCode.get(entry);
    const options = {
      entrypoint: entry,
      files: filesToMount(box, edited),
      // Loaded by Pyodide before micropip installs Streamlit (see the header).
      prebuiltPackageNames: wheels,
      sharedWorker: box.dataset.stliteSharedWorker !== "false" && !sharedWorkerBroken,
      // The theme comes by host message (one Streamlit config per shared
      // worker: a `theme.base` here would only ever reach the first app).
      hostConfig: hostConfig(),
      // The app reruns when the editor writes its file. A shared worker keeps
      // the first mount's config, so every mount sets it.
      streamlitConfig: { "server.runOnSave": true },
      disableProgressToasts: true,
      disableErrorToasts: true,
      // Streamlit's document styles set html/body height and margin, which
      // would change Material's layout; the app box gives the app its size.
      disableDocumentStyles: true,
    };
    const pyodideUrl = box.dataset.stlitePyodide;
    if (pyodideUrl) options.pyodideUrl = new URL(pyodideUrl, location.href).href;

    try {
      this.controller = runtime.mount(options, container);
    } catch (error) {
      container.remove();
      this.fail(REASONS.mountFailed, error);
      return;
    }
    this.container = container;
    this.sharedWorker = options.sharedWorker;
    this.holdAutoReruns(this.controller._kernel);
    emit("mount", {
      app: box,
      container,
      entry,
      attempt,
      sharedWorker: options.sharedWorker,
      controller: this.controller,
    });
    this.watchKernel(attempt, options);
  }

  /** While parked, the rerun requests Streamlit's timers send are dropped. */
  holdAutoReruns(kernel) {
    if (!kernel || typeof kernel.sendWebSocketMessage !== "function") return;
    const send = kernel.sendWebSocketMessage.bind(kernel);
    kernel.sendWebSocketMessage = (payload) => {
      if (this.parked && isAutoRerun(payload)) {
        emit("held", { app: this.box, entry: this.entry, container: this.container });
        return Promise.resolve();
      }
      return send(payload);
    };
  }

  watchKernel(attempt, options) {
    const kernel = this.controller && this.controller._kernel;
    if (!kernel || typeof kernel.addEventListener !== "function") return;
    const onProgress = (event) => {
      if (!this.isLive(attempt)) return;
      this.progress = typeof event.detail === "string" ? PROGRESS_SHOWN(event.detail) : "";
      if (this.parked) return;
      this.armStallTimer(attempt);
      if (this.state === "stalled") {
        // Progress again after a stall: back to the loading state.
        this.clearMessage();
        this.setState("loading");
      }
      if (this.state === "loading") this.showStatus(TEXT.starting, this.progress);
    };
    const onFinished = () => {
      if (!this.isLive(attempt) || this.state === "ready") return;
      this.disarmStallTimer();
      this.clearMessage();
      this.hideStatus();
      this.setState("ready");
      emit("ready", { app: this.box, entry: this.entry, attempt });
    };
    const onError = (event) => {
      if (!this.isLive(attempt)) return;
      if (options.sharedWorker) sharedWorkerBroken = true;
      this.fail(bootFailure(event.detail), event.detail);
    };
    kernel.addEventListener("loadProgress", onProgress);
    kernel.addEventListener("loadFinished", onFinished);
    kernel.addEventListener("loadError", onError);
    this.kernelListeners = { kernel, onProgress, onFinished, onError };
    // `loaded` only ever resolves; it backs up the event above.
    Promise.resolve(kernel.loaded).then(onFinished, () => {});
    this.armStallTimer(attempt);
  }

  armStallTimer(attempt) {
    this.disarmStallTimer();
    this.stallTimer = window.setTimeout(() => {
      if (!this.isCurrent(attempt) || this.parked || this.state !== "loading") return;
      // Tell the reader, but let the attempt go on: a slow network may still
      // deliver, and then the app replaces the message.
      this.hideStatus();
      this.showMessage(REASONS.stalled);
      this.setState("stalled");
      emit("error", { app: this.box, entry: this.entry, attempt, reason: REASONS.stalled });
    }, STALL_MS);
  }

  disarmStallTimer() {
    window.clearTimeout(this.stallTimer);
    this.stallTimer = 0;
  }

  /** The runtime cannot boot: free it and say so, with a Retry button. */
  fail(reason, error) {
    if (error !== undefined) {
      const detail = error && error.message ? error.message : String(error);
      console.warn(`mkdocs-stlite: ${this.entry}: ${reason}:`, detail);
    }
    this.unmount();
    this.hideStatus();
    this.showMessage(reason);
    this.setState("failed");
    emit("error", { app: this.box, entry: this.entry, attempt: this.attempt, reason });
  }

  /** End this attempt: its worker (or port), its React root, its container. */
  unmount() {
    this.disarmStallTimer();
    if (this.kernelListeners) {
      const { kernel, onProgress, onFinished, onError } = this.kernelListeners;
      kernel.removeEventListener("loadProgress", onProgress);
      kernel.removeEventListener("loadFinished", onFinished);
      kernel.removeEventListener("loadError", onError);
      this.kernelListeners = null;
    }
    const controller = this.controller;
    this.controller = null;
    if (controller) {
      try {
        controller.unmount();
      } catch (error) {
        console.warn(`mkdocs-stlite: ${this.entry}: unmount failed:`, error);
      }
      emit("unmount", { app: this.box, entry: this.entry });
    }
    if (this.container) this.container.remove();
    this.container = null;
    this.parked = false;
    if (this.box) {
      for (const node of this.box.querySelectorAll(":scope > .stlite-embed__mount")) node.remove();
    }
  }

  /** The reader leaves the page: keep a mounted app, drop a pending start. */
  leave() {
    if (this.container) {
      this.park();
      return;
    }
    this.attempt += 1;
    this.disarmStallTimer();
  }

  park() {
    const container = this.container;
    const size = this.box ? this.box.getBoundingClientRect() : null;
    this.disarmStallTimer();
    this.parked = true;
    // Keep the app's own size while parked (its layout stays as it was).
    if (size && size.width) container.style.width = `${size.width}px`;
    if (size && size.height) container.style.height = `${size.height}px`;
    parking().appendChild(container);
    emit("park", { app: this.box, entry: this.entry, container });
  }

  restore() {
    const container = this.container;
    container.style.width = "";
    container.style.height = "";
    this.box.appendChild(container);
    this.parked = false;
    this.box.dataset.stliteState = this.state;
    if (this.state === "ready") {
      this.hideStatus();
    } else if (this.state === "stalled") {
      this.hideStatus();
      this.showMessage(REASONS.stalled);
    } else {
      this.showStatus(TEXT.starting, this.progress);
      this.armStallTimer(this.attempt);
    }
    emit("restore", { app: this.box, entry: this.entry, container });
  }

  /** Run the editor's `code` in this app. `reset`: it is the file again;
   * `start`: start the app with it if it has not started (Run, not Reset). */
  runCode(code, reset, start) {
    const hadEdit = editedCode.has(this.entry);
    if (reset) editedCode.delete(this.entry);
    else editedCode.set(this.entry, code);
    this.markEdited();
    // The file, into an app that runs the file: nothing to write.
    if (reset && !hadEdit && this.controller) return;
    const detail = { app: this.box, entry: this.entry, code, attempt: this.attempt };
    const controller = this.controller;
    if (controller) {
      emit("write", { ...detail, via: "writeFile" });
      // stlite sends the file once the kernel has loaded; Streamlit sees the
      // change and reruns (identical content: no rerun).
      controller.writeFile(this.entry, code).then(
        () => emit("written", detail),
        (error) => console.warn(`mkdocs-stlite: ${this.entry}: writeFile failed:`, error),
      );
      return;
    }
    // Not mounted: its next start reads editedCode (or the file).
    if (!start) return;
    emit("write", { ...detail, via: "mount" });
    if (this.state === "idle") this.page.startNow(this.box);
    else if (this.state === "failed") this.retry();
    // "loading" before mount(): start() reads editedCode when it mounts.
  }

  /** `data-stlite-edited` on the box: this example runs the reader's code
   * (read by the editor, whose Reset then writes the file back). */
  markEdited() {
    if (this.box) this.box.toggleAttribute("data-stlite-edited", editedCode.has(this.entry));
  }

  retry() {
    // The Retry button goes away with its message: keep the keyboard focus
    // in this example (the box is a named region with tabindex=-1).
    const hadFocus = this.box.contains(document.activeElement);
    // A stalled shared worker would keep the new attempt waiting on the same
    // download: start over in a worker of its own.
    if (this.sharedWorker && this.state === "stalled") sharedWorkerBroken = true;
    this.unmount();
    this.start();
    if (hadFocus && this.box.isConnected) this.box.focus({ preventScroll: true });
  }

  /* --- what the reader sees in the box --------------------------------- */

  showStatus(text, detail) {
    if (!this.status || !this.box.contains(this.status)) {
      this.status = document.createElement("p");
      this.status.className = "stlite-embed__status";
      this.status.setAttribute("role", "status");
      this.box.prepend(this.status);
    }
    this.status.hidden = false;
    this.status.replaceChildren();
    const main = document.createElement("span");
    main.className = "stlite-embed__status-text";
    main.textContent = text;
    this.status.append(main);
    if (detail) {
      const step = document.createElement("span");
      step.className = "stlite-embed__status-step";
      step.textContent = detail;
      this.status.append(" ", step);
    }
  }

  hideStatus() {
    if (this.status) this.status.hidden = true;
  }

  showMessage(reason) {
    this.clearMessage();
    const alert = document.createElement("div");
    alert.className = "stlite-embed__alert";
    alert.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = TEXT.failed(reason);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "stlite-embed__retry";
    button.textContent = TEXT.retry;
    button.addEventListener("click", () => this.retry());
    alert.append(text, button);
    this.box.prepend(alert);
  }

  clearMessage() {
    if (!this.box) return;
    for (const node of this.box.querySelectorAll(":scope > .stlite-embed__alert")) node.remove();
  }
}

/* ------------------------------------------------------------------------ *
 * One page (until the next navigation)
 * ------------------------------------------------------------------------ */

class Page {
  constructor(root) {
    this.active = true;
    this.pathname = location.pathname;
    this.apps = new Map(); // box -> LiveApp
    this.observer = null;
    this.titleObserver = null;

    const boxes = root.querySelectorAll(".stlite-embed__app");
    if (boxes.length === 0) return;
    const waiting = [];
    for (const box of boxes) {
      const entry = box.dataset.stliteEntry;
      let app = registry.get(entry);
      if (!app) {
        app = new LiveApp(entry);
        registry.set(entry, app);
      }
      this.apps.set(box, app);
      if (app.attach(box, this)) waiting.push(box);
    }
    this.keepTitle();
    if (waiting.length === 0) return;

    if (!("IntersectionObserver" in window)) {
      if (readerStarted) for (const box of waiting) this.apps.get(box).start();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          // Until the reader starts an example, nothing starts by itself.
          if (!entry.isIntersecting || !readerStarted) continue;
          const app = this.apps.get(entry.target);
          this.observer.unobserve(entry.target);
          if (app && this.active && app.box === entry.target && app.state === "idle") app.start();
        }
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    for (const box of waiting) this.observer.observe(box);
  }

  /** Start a box's app now, if it has not started yet: the reader's click on
   * its Start button or its poster, a Run in its editor. The first time, the
   * other idle boxes are observed afresh, so that those already near the
   * viewport start too. */
  startNow(box) {
    const app = this.apps.get(box);
    if (!app || !this.active || app.box !== box || box.dataset.stliteState !== "idle") return;
    if (this.observer) this.observer.unobserve(box);
    const first = !readerStarted;
    readerStarted = true;
    app.start();
    if (!first) return;
    for (const [other, each] of this.apps) {
      if (each.box !== other || other.dataset.stliteState !== "idle") continue;
      each.showIdle();
      if (this.observer) {
        this.observer.unobserve(other);
        this.observer.observe(other);
      }
    }
  }

  startFromPoster(box) {
    this.startNow(box);
  }

  /** Streamlit sets document.title when an app starts; keep the page's own. */
  keepTitle() {
    const title = document.querySelector("head > title");
    if (!title) return;
    const own = document.title;
    this.titleObserver = new MutationObserver(() => {
      if (this.active && location.pathname === this.pathname && document.title !== own) {
        document.title = own;
      }
    });
    this.titleObserver.observe(title, { childList: true, characterData: true, subtree: true });
  }

  close() {
    this.active = false;
    if (this.observer) this.observer.disconnect();
    if (this.titleObserver) this.titleObserver.disconnect();
    this.observer = null;
    this.titleObserver = null;
    for (const [box, app] of this.apps) {
      if (app.box === box) app.leave();
    }
  }
}

/* ------------------------------------------------------------------------ *
 * Wiring to Material's navigation
 * ------------------------------------------------------------------------ */

const STARTED = Symbol.for("mkdocs-stlite.embed");

function main() {
  if (window[STARTED]) return;
  window[STARTED] = true;
  guardKeys();
  followPalette();

  let page = null;
  const show = () => {
    try {
      if (page) page.close();
      restoreRuntimeHeadNodes();
      page = new Page(document);
      // The Edit buttons work only with this module: shown by it.
      for (const button of document.querySelectorAll(".stlite-embed__edit")) button.hidden = false;
    } catch (error) {
      // Never break Material's navigation stream; the code tabs still work.
      console.error("mkdocs-stlite: could not set up the live apps of this page:", error);
    }
  };

  // Posters (pictures of each app's first screen) start their app on click.
  document.addEventListener("click", (event) => {
    const poster = event.target instanceof Element && event.target.closest(".stlite-embed__poster");
    if (poster && page) page.startFromPoster(poster.parentElement);
  });

  // The example editor: loaded on the first click on an Edit button.
  let editor = null;
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest(".stlite-embed__edit");
    const embed = button && button.closest(".stlite-embed");
    if (!embed) return;
    editor = editor || import(new URL("editor.js", import.meta.url).href);
    editor.then(
      (module) => module.toggle(embed),
      (error) => {
        editor = null;
        console.error("mkdocs-stlite: the editor could not be loaded:", error);
      },
    );
  });
  document.addEventListener("stlite-embed:run-code", (event) => {
    const app = page && page.apps.get(event.target);
    if (!app || app.box !== event.target || !event.detail) return;
    const { code, reset, start } = event.detail;
    app.runCode(String(code), Boolean(reset), Boolean(start));
  });

  const documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    documents.subscribe({ next: show });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show, { once: true });
  } else {
    show();
  }
}

main();

/*
 * mkdocs-stlite: runs the live apps of a page with stlite.
 *
 * The plugin loads this module once per document. Material for MkDocs swaps
 * the page content on "instant" navigation without reloading, and announces
 * every new page (the first one included) on its global `document$`
 * observable. For each page this module:
 *
 *  1. unmounts every live app of the page before and stops watching it;
 *  2. watches the `.stlite-embed__app` boxes of the new page and mounts each
 *     one when it comes near the viewport. A box in a closed tab has no size,
 *     so it mounts when the reader opens its tab. Nothing of the runtime
 *     (stlite.js, stlite.css, wheels, Pyodide) is requested before that;
 *  3. shows its own loading state and, when the runtime cannot boot, a short
 *     message with a Retry button instead of an endless spinner.
 *
 * This is the only file that knows stlite's API (`mount()` and the kernel's
 * load events).
 *
 * Each box gets `data-stlite-state` = idle | loading | ready | stalled |
 * failed, and the module dispatches these events on `document` (detail:
 * `{app, entry, attempt, ...}`, where `app` is the box):
 *   stlite-embed:state    the box's state changed (detail.state)
 *   stlite-embed:mount    mount() was called (detail.container: its target)
 *   stlite-embed:ready    the app finished loading
 *   stlite-embed:error    the app cannot start (detail.reason)
 *   stlite-embed:unmount  the app was unmounted
 */

const NEAR_VIEWPORT = "400px 0px";
// With no load progress for this long the reader is told, with a Retry
// button; the attempt keeps going and shows the app if it still finishes.
const STALL_MS = 20000;

const TEXT = {
  starting: "Starting Python in your browser…",
  failed: (reason) =>
    `The live app could not start: ${reason}. The Code tab still shows the whole example.`,
  retry: "Retry",
};

const REASONS = {
  noWasm: "this browser cannot run WebAssembly",
  noModule: "the stlite runtime could not be downloaded",
  mountFailed: "the stlite runtime failed to start",
  offline: "Python (Pyodide) could not be downloaded, maybe because you are offline",
  boot: (detail) => `Python failed to start (${detail})`,
  stalled: `loading has made no progress for ${STALL_MS / 1000} seconds (a slow or blocked network?)`,
};

/* ------------------------------------------------------------------------ *
 * The runtime: imported once per module URL, on first need
 * ------------------------------------------------------------------------ */

const runtimes = new Map(); // absolute stlite.js URL -> Promise<module>
// stlite's shared worker loads Pyodide once and keeps that promise, failed or
// not, for as long as the worker lives, which is as long as this document
// (instant navigation never reloads it). After a failed boot in the shared
// worker, later attempts (Retry, apps on later pages) get a dedicated worker
// each, so that they really try again.
let sharedWorkerBroken = false;
// Nodes the runtime put in <head> (its stylesheet and the styles its modules
// insert once on import). Material replaces <head> entries that the next page
// does not list, so these are put back after every navigation.
const runtimeHeadNodes = new Set();

function restoreRuntimeHeadNodes() {
  for (const node of runtimeHeadNodes) {
    if (!node.isConnected) document.head.appendChild(node);
  }
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

function colorScheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
}

function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(`stlite-embed:${name}`, { detail }));
}

/* ------------------------------------------------------------------------ *
 * One live app box
 * ------------------------------------------------------------------------ */

class LiveApp {
  constructor(box, page) {
    this.box = box;
    this.page = page;
    this.attempt = 0; // bumped by every start and stop: stale async steps see it
    this.controller = null;
    this.kernelListeners = null;
    this.stallTimer = 0;
    this.status = box.querySelector(".stlite-embed__status");
    this.setState("idle");
  }

  get entry() {
    return this.box.dataset.stliteEntry;
  }

  /** Still the attempt `attempt` of an app on the page being shown? */
  isCurrent(attempt) {
    return attempt === this.attempt && this.page.active && this.box.isConnected;
  }

  setState(state) {
    this.box.dataset.stliteState = state;
    emit("state", { app: this.box, entry: this.entry, attempt: this.attempt, state });
  }

  async start() {
    const attempt = ++this.attempt;
    this.clearMessage();
    this.showStatus(TEXT.starting, "");
    this.setState("loading");
    // Also covers a download of stlite.js that never ends.
    this.armStallTimer(attempt);

    if (!hasWebAssembly()) {
      this.fail(REASONS.noWasm);
      return;
    }

    let runtime;
    try {
      const moduleUrl = new URL(this.box.dataset.stliteModule, location.href).href;
      runtime = await loadRuntime(moduleUrl);
    } catch (error) {
      if (this.isCurrent(attempt)) this.fail(REASONS.noModule, error);
      return;
    }
    // The reader may have left the page (or pressed Retry) meanwhile.
    if (!this.isCurrent(attempt)) return;

    const container = document.createElement("div");
    container.className = "stlite-embed__mount";
    this.box.appendChild(container);

    const entry = this.entry;
    const options = {
      entrypoint: entry,
      files: { [entry]: { url: new URL(this.box.dataset.stliteSrc, location.href).href } },
      sharedWorker: this.box.dataset.stliteSharedWorker !== "false" && !sharedWorkerBroken,
      streamlitConfig: { "theme.base": colorScheme() },
      disableProgressToasts: true,
      disableErrorToasts: true,
      // Streamlit's document styles set html/body height and margin, which
      // would change Material's layout; the app box gives the app its size.
      disableDocumentStyles: true,
    };
    const pyodideUrl = this.box.dataset.stlitePyodide;
    if (pyodideUrl) options.pyodideUrl = new URL(pyodideUrl, location.href).href;

    try {
      this.controller = runtime.mount(options, container);
    } catch (error) {
      container.remove();
      this.fail(REASONS.mountFailed, error);
      return;
    }
    emit("mount", { app: this.box, container, entry, attempt, sharedWorker: options.sharedWorker });
    this.watchKernel(attempt, options);
  }

  watchKernel(attempt, options) {
    const kernel = this.controller && this.controller._kernel;
    if (!kernel || typeof kernel.addEventListener !== "function") return;
    const onProgress = (event) => {
      if (!this.isCurrent(attempt)) return;
      this.armStallTimer(attempt);
      if (this.box.dataset.stliteState === "stalled") {
        // Progress again after a stall: back to the loading state.
        this.clearMessage();
        this.setState("loading");
      }
      if (this.box.dataset.stliteState === "loading") {
        this.showStatus(TEXT.starting, typeof event.detail === "string" ? event.detail : "");
      }
    };
    const onFinished = () => {
      if (!this.isCurrent(attempt) || this.box.dataset.stliteState === "ready") return;
      this.disarmStallTimer();
      this.clearMessage();
      this.hideStatus();
      this.setState("ready");
      emit("ready", { app: this.box, entry: this.entry, attempt });
    };
    const onError = (event) => {
      if (!this.isCurrent(attempt)) return;
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
      if (!this.isCurrent(attempt) || this.box.dataset.stliteState !== "loading") return;
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

  /** Stop this attempt and free the runtime (worker port, React root). */
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
    for (const node of this.box.querySelectorAll(":scope > .stlite-embed__mount")) node.remove();
  }

  /** Leave the page: any pending step of the current attempt is dropped. */
  stop() {
    this.attempt += 1;
    this.unmount();
  }

  retry() {
    this.unmount();
    this.start();
  }

  /* --- what the reader sees in the box --------------------------------- */

  showStatus(text, detail) {
    if (!this.status || !this.status.isConnected) {
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
    for (const box of boxes) this.apps.set(box, new LiveApp(box, this));
    this.keepTitle();

    if (!("IntersectionObserver" in window)) {
      for (const app of this.apps.values()) app.start();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const app = this.apps.get(entry.target);
          this.observer.unobserve(entry.target);
          if (app && this.active) app.start();
        }
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    for (const box of boxes) this.observer.observe(box);
  }

  /** A click on a box's poster starts its app, if it has not started yet. */
  startFromPoster(box) {
    const app = this.apps.get(box);
    if (!app || !this.active || box.dataset.stliteState !== "idle") return;
    if (this.observer) this.observer.unobserve(box);
    app.start();
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
    for (const app of this.apps.values()) app.stop();
  }
}

/* ------------------------------------------------------------------------ *
 * Wiring to Material's navigation
 * ------------------------------------------------------------------------ */

const STARTED = Symbol.for("mkdocs-stlite.embed");

function main() {
  if (window[STARTED]) return;
  window[STARTED] = true;

  let page = null;
  const show = () => {
    try {
      if (page) page.close();
      restoreRuntimeHeadNodes();
      page = new Page(document);
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

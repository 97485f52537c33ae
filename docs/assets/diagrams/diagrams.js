/*
 * Diagrams without a third party.
 *
 * Material for MkDocs renders each ```mermaid fence with the global `mermaid`
 * object, calling `mermaid.initialize(settings)` once and then
 * `mermaid.render(id, text)` per diagram; when no such global exists it loads
 * Mermaid from a public CDN. This classic script runs before Material looks
 * (Material waits for DOMContentLoaded) and puts a stand-in there: it keeps
 * the settings, and on the first render loads the pinned Mermaid build that
 * the site serves next to this file (hooks/diagrams.py), which then replaces
 * the stand-in. Pages without diagrams never load Mermaid; a later page with
 * diagrams, reached by instant navigation, loads it then.
 */
(() => {
  const existing = window.mermaid;
  if (existing !== undefined && !(existing instanceof Element)) return;

  const library = new URL("mermaid.min.js", document.currentScript.src).href;
  let settings = { startOnLoad: false };
  let loading = null;

  const load = () => {
    loading =
      loading ||
      new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = library;
        script.onload = () => {
          const real = window.mermaid;
          if (!real || typeof real.render !== "function") {
            reject(new Error(`${library} did not define mermaid`));
            return;
          }
          real.initialize(settings);
          resolve(real);
        };
        script.onerror = () => {
          loading = null; // the next diagram tries again
          window.mermaid = standIn;
          reject(new Error(`could not load ${library}`));
        };
        document.head.appendChild(script);
      });
    return loading;
  };

  const standIn = {
    initialize(options) {
      // Each chart at its own size (its container scrolls sideways when the
      // screen is narrower), never shrunk to the column's width: a wide chart
      // shrunk onto a phone has unreadable text.
      settings = { ...options, startOnLoad: false };
      for (const kind of ["flowchart", "sequence"]) {
        settings[kind] = { ...(options && options[kind]), useMaxWidth: false };
      }
    },
    async render(...args) {
      const real = await load();
      return real.render(...args);
    },
  };
  window.mermaid = standIn;
})();

"""mkdocs-stlite: embed Streamlit snippets that run live in the page (stlite).

Modules:
  config.py     the plugin's options, declared and documented
  options.py    the per-embed options: default, check and doc, declared once
  directive.py  the one-line ``::stlite[...]`` syntax: finding and validating it
  render.py     the Markdown and HTML an embed becomes
  plugin.py     the MkDocs events, grouped by build phase
  sources.py    what it reads from a project: the stlite build folder, the
                Streamlit it bundles, its Pyodide URL, a page's embeds
  assets/       the browser module (the only code that knows stlite's API) and
                the embed stylesheet
"""

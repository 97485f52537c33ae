"""mkdocs-stlite: embed Streamlit snippets that run live in the page (stlite).

Modules:
  config.py     the plugin's options, declared and documented
  directive.py  the one-line ``::stlite[...]`` syntax: finding and validating it
  render.py     the Markdown and HTML an embed becomes
  plugin.py     the MkDocs events, grouped by build phase
  assets/       the browser module (the only code that knows stlite's API) and
                the embed stylesheet
"""

"""The search engine every search uses: FAQ page, site search, inbox suggestions, back office.

- ``texto``: tokens, stop words and stems (no model imports, so models may use it);
- ``analisis``: a query becomes groups of alternatives (synonyms, typo corrections), plus the
  countries and profile it names;
- ``preguntas``: FAQ search and suggestions on PostgreSQL (tsvector + GIN) or SQLite;
- ``sitio``: the portal's search over FAQ, guides, country pages, videos and the directory;
- ``fragmentos``: highlighted, escaped snippets; ``registro``: anonymous unanswered queries;
- ``palabras``: word-based, accent-blind filters for the back office.
"""

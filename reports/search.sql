-- title: Full-text search
-- description: Documents whose heading or body match an FTS5 query, best match first (bm25), with a snippet
-- description: of the body where the matched words are marked **like this**; optionally within a date range.
-- description: The query takes words, "a phrase", AND, OR, NOT, NEAR(a b) and prefix* (FTS5 syntax).
-- param: query | text | Turkey | What to look for, e.g. Balkans, "non-aggression pact" or Turk*
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: limit | integer | 20 | At most this many documents
WITH args AS (
    SELECT coalesce(nullif(:query, ''), 'Turkey') AS query,
           nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 20) AS max_rows
)
SELECT d.id,
       d.date_from AS date,
       d.kind,
       d.heading,
       -- One line per row: the body's line breaks become spaces.
       replace(snippet(documents_fts, 1, '**', '**', '…', 16), char(10), ' ') AS snippet,
       -- bm25 is negative, lower is better; shown as a positive score, higher is better.
       round(-bm25(documents_fts), 3) AS score
FROM documents_fts
JOIN documents d ON d.id = documents_fts.rowid
JOIN args
WHERE documents_fts MATCH args.query
  AND (args.date_min IS NULL OR d.date_to >= args.date_min)
  AND (args.date_max IS NULL OR d.date_from <= args.date_max)
ORDER BY bm25(documents_fts), d.date_from, d.id
LIMIT (SELECT max_rows FROM args);

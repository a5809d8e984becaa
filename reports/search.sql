-- title: Full-text search
-- description: Documents whose heading or body contain every word you type, best match first (bm25), with a
-- description: snippet of the body in which the matched words are highlighted (marked **like this** in plain text);
-- description: optionally within a date range.
-- description: Type words as you would say them: each word must appear, "quotes" keep a phrase together, hyphens and
-- description: other punctuation are fine (non-aggression pact, Turk-), and a trailing * matches any ending (Turk*).
-- description: With syntax=fts the query is FTS5 syntax instead: AND, OR, NOT, NEAR(a b), column filters.
-- param: query | text | Turkey | What to look for, e.g. Balkans, non-aggression pact, "the Straits" or Turk*
-- param: syntax | text | plain | plain (words and "phrases", as above) or fts (FTS5 query syntax)
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: limit | integer | 20 | At most this many documents
WITH RECURSIVE args AS (
    SELECT coalesce(nullif(:query, ''), 'Turkey') AS typed,
           coalesce(nullif(:syntax, ''), 'plain') AS syntax,
           nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 20) AS max_rows
),
-- Plain syntax: the typed text cut into words at spaces (outside "quotes") and at quotes, each
-- word or quoted phrase written as an FTS5 "phrase" (so punctuation and the words AND, OR, NOT
-- are only text), a trailing * kept as a prefix match. One character per step.
chars (i, c, space) AS (
    SELECT 1, substr(typed, 1, 1), substr(typed, 1, 1) IN (' ', char(9), char(10), char(13)) FROM args
    UNION ALL
    SELECT i + 1, substr(typed, i + 1, 1), substr(typed, i + 1, 1) IN (' ', char(9), char(10), char(13))
    FROM chars JOIN args WHERE i <= length(typed)
),
cut (i, quoted, word, fts) AS (
    SELECT 1, 0, '', ''
    UNION ALL
    SELECT cut.i + 1,
           quoted <> (c = '"'),
           CASE WHEN c IN ('"', '') OR (space AND NOT quoted) THEN '' ELSE word || c END,
           CASE WHEN (c IN ('"', '') OR (space AND NOT quoted)) AND trim(word) <> ''
                THEN fts || ' "' || CASE WHEN NOT quoted AND word LIKE '%*' THEN rtrim(word, '*') || '"*'
                                         ELSE word || '"' END
                ELSE fts END
    FROM cut JOIN chars ON chars.i = cut.i
),
search AS (
    SELECT CASE WHEN args.syntax = 'fts' THEN args.typed
                ELSE (SELECT ltrim(fts) FROM cut ORDER BY i DESC LIMIT 1) END AS query
    FROM args
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
JOIN search
WHERE documents_fts MATCH search.query
  AND (args.date_min IS NULL OR d.date_to >= args.date_min)
  AND (args.date_max IS NULL OR d.date_from <= args.date_max)
ORDER BY bm25(documents_fts), d.date_from, d.id
LIMIT (SELECT max_rows FROM args);

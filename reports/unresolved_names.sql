-- title: Unresolved names
-- description: Capitalised, name-like words in document bodies that are no alias of any person, country or
-- description: institution, by number of occurrences: candidates for new aliases in seed/reference/. A word
-- description: that also occurs in lower case somewhere in the corpus is taken for an ordinary word at the start
-- description: of a sentence and left out, as are month and day names; possessive ʹs and glued footnote digits are stripped.
-- description: Whole years come from the per-year word summary the seeder fills (name_candidate_years, lower_word_years);
-- description: only documents of years cut by from/to are read word by word (about 16 s per 20 000 documents, so it
-- description: allows itself 300 s). Names printed after a title (`Mr. Holst`, `general Weygand`) that match no alias
-- description: are the resolver's unresolved mentions (unresolved_mentions, reason 'unknown'): `after_title` counts
-- description: them, and they rank first, names of several words (`A. K. Smith`) included.
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: min_count | integer | 1 | Only words seen at least this many times
-- param: limit | integer | 100 | At most this many words
-- timeout: 300
WITH args AS (
    SELECT nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           coalesce(CAST(nullif(:min_count, '') AS INTEGER), 1) AS min_count,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) AS max_rows
),
range AS (
    SELECT coalesce(nullif(:from, ''), '0000-01-01') AS f,
           coalesce(nullif(:to, ''), '9999-12-31') AS t,
           -- Undated documents count only when no bound is set.
           nullif(:from, '') IS NULL AND nullif(:to, '') IS NULL AS undated
),
-- Documents of years the range cuts (none without a range: the first condition uses the parameters
-- directly, so SQLite tests it once and skips the scan), each body as a JSON array of its
-- space-separated tokens, so json_each splits it in C rather than in a recursive CTE. Backslashes and
-- quotes are escaped and control characters become separators; a body that still is not valid JSON
-- is skipped rather than failing the whole report. src/seed/facts.rs cuts words the same way.
arrays AS (
    SELECT d.id, d.date_from,
           '["' || replace(replace(replace(replace(replace(replace(replace(d.body,
               '\', '\\'), '"', '\"'), char(13), ' '), char(9), ' '), char(12), ' '), char(10), ' '), ' ', '","')
           || '"]' AS tokens
    FROM range, documents d
    WHERE (nullif(:from, '') IS NOT NULL OR nullif(:to, '') IS NOT NULL)
      AND d.date_from <= range.t AND d.date_to >= range.f
      AND NOT (substr(d.date_from, 1, 4) || '-01-01' >= range.f AND substr(d.date_from, 1, 4) || '-12-31' <= range.t)
),
raw_words AS MATERIALIZED (
    SELECT a.id AS document_id, a.date_from,
           rtrim(trim(j.value, ' .,;:!?()[]{}"''«»“”„*‐-–—…/'), '0123456789*') AS word
    FROM arrays a, json_each(a.tokens) j
    WHERE json_valid(a.tokens)
),
words AS MATERIALIZED (
    SELECT document_id, date_from,
           CASE WHEN word LIKE '%ʹs' OR word LIKE '%''s' OR word LIKE '%’s'
                THEN substr(word, 1, length(word) - 2) ELSE word END AS word
    FROM raw_words
),
-- Candidate names: whole years (and undated documents) from the summary, cut years word by word.
candidates AS (
    SELECT y.word, y.occurrences, y.documents, y.first_date, y.last_date, y.first_document_id
    FROM name_candidate_years y, range
    WHERE (y.year IS NULL AND range.undated)
       OR (y.year || '-01-01' >= range.f AND y.year || '-12-31' <= range.t)
    UNION ALL
    SELECT word, count(*), count(DISTINCT document_id), min(date_from), max(date_from), min(document_id)
    FROM words
    WHERE length(word) >= 3 AND substr(word, 1, 1) BETWEEN 'A' AND 'Z'
    GROUP BY word
),
-- Every single word of every alias and reference name, lower-cased ("Great Britain" gives great and britain).
known AS MATERIALIZED (
    SELECT DISTINCT lower(trim(j.value, ' .,''')) AS word
    FROM (SELECT alias AS name FROM person_aliases
          UNION ALL SELECT alias FROM country_aliases
          UNION ALL SELECT alias FROM institution_aliases
          UNION ALL SELECT name FROM persons
          UNION ALL SELECT name FROM countries
          UNION ALL SELECT name FROM institutions) n,
         json_each('["' || replace(replace(replace(n.name, '\', '\\'), '"', '\"'), ' ', '","') || '"]') j
    WHERE json_valid('["' || replace(replace(replace(n.name, '\', '\\'), '"', '\"'), ' ', '","') || '"]')
),
-- Capitalised words that are never names.
calendar (word) AS (
    VALUES ('january'), ('february'), ('march'), ('april'), ('may'), ('june'), ('july'), ('august'),
           ('september'), ('october'), ('november'), ('december'), ('monday'), ('tuesday'), ('wednesday'),
           ('thursday'), ('friday'), ('saturday'), ('sunday')
),
-- Words in lower case in the documents read: whole years from the summary, cut years word by word.
lower_words AS MATERIALIZED (
    SELECT y.word FROM lower_word_years y, range
    WHERE (y.year IS NULL AND range.undated)
       OR (y.year || '-01-01' >= range.f AND y.year || '-12-31' <= range.t)
    UNION
    SELECT word FROM words WHERE word = lower(word) AND word <> upper(word)
),
-- Names after a title that no alias matched, in the documents of the range.
titled AS (
    SELECT u.surface AS word, count(*) AS occurrences, count(DISTINCT u.document_id) AS documents,
           min(d.date_from) AS first_date, max(d.date_from) AS last_date, min(u.document_id) AS first_document_id
    FROM range, unresolved_mentions u JOIN documents d ON d.id = u.document_id
    WHERE u.reason = 'unknown'
      AND ((d.date_from IS NULL AND range.undated) OR (d.date_from <= range.t AND d.date_to >= range.f))
    GROUP BY u.surface
),
words_ranked AS (
    SELECT c.word AS name,
           sum(c.occurrences) AS occurrences,
           sum(c.documents) AS documents,
           min(c.first_date) AS first_date,
           max(c.last_date) AS last_date,
           min(c.first_document_id) AS first_document_id
    FROM candidates c
    WHERE lower(c.word) NOT IN (SELECT word FROM known)
      AND lower(c.word) NOT IN (SELECT word FROM lower_words)
      AND lower(c.word) NOT IN (SELECT word FROM calendar)
    GROUP BY c.word
)
SELECT name, occurrences, documents, first_date, last_date, first_document_id, after_title
FROM (
    SELECT w.*, coalesce(t.occurrences, 0) AS after_title
    FROM words_ranked w LEFT JOIN titled t ON t.word = w.name
    UNION ALL
    SELECT t.word, t.occurrences, t.documents, t.first_date, t.last_date, t.first_document_id, t.occurrences
    FROM titled t WHERE t.word NOT IN (SELECT name FROM words_ranked)
)
WHERE occurrences >= (SELECT min_count FROM args)
ORDER BY after_title > 0 DESC, occurrences DESC, name
LIMIT (SELECT max_rows FROM args);

-- title: Unresolved names
-- description: Capitalised, name-like words in document bodies that are no alias of any person, country or
-- description: institution, by number of occurrences: candidates for new aliases in seed/reference/. A word
-- description: that also occurs in lower case somewhere in the corpus is taken for an ordinary word at the start
-- description: of a sentence and left out, as are month and day names; possessive ʹs and glued footnote digits are stripped. On a large corpus
-- description: narrow it with from/to (it reads every word: about 16 s on 20 000 documents, so it allows itself 300 s).
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
-- Each body as a JSON array of its space-separated tokens, so json_each splits it in C rather than in a
-- recursive CTE. Backslashes and quotes are escaped and control characters become separators; a body
-- that still is not valid JSON is skipped rather than failing the whole report.
arrays AS (
    SELECT d.id, d.date_from,
           '["' || replace(replace(replace(replace(replace(replace(replace(d.body,
               '\', '\\'), '"', '\"'), char(13), ' '), char(9), ' '), char(12), ' '), char(10), ' '), ' ', '","')
           || '"]' AS tokens
    FROM documents d
    JOIN args
    WHERE (args.date_min IS NULL OR d.date_to >= args.date_min)
      AND (args.date_max IS NULL OR d.date_from <= args.date_max)
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
lower_words AS MATERIALIZED (
    SELECT DISTINCT word FROM words WHERE word = lower(word) AND word <> upper(word)
)
SELECT w.word AS name,
       count(*) AS occurrences,
       count(DISTINCT w.document_id) AS documents,
       min(w.date_from) AS first_date,
       max(w.date_from) AS last_date,
       min(w.document_id) AS first_document_id
FROM words w
JOIN args
WHERE length(w.word) >= 3
  AND substr(w.word, 1, 1) BETWEEN 'A' AND 'Z'
  AND lower(w.word) NOT IN (SELECT word FROM known)
  AND lower(w.word) NOT IN (SELECT word FROM lower_words)
  AND lower(w.word) NOT IN (SELECT word FROM calendar)
GROUP BY w.word
HAVING count(*) >= (SELECT min_count FROM args)
ORDER BY occurrences DESC, name
LIMIT (SELECT max_rows FROM args);

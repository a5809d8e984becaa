-- title: Documents
-- description: Every document with its date, kind, classification, authors, recipients and archival
-- description: citation, in date order (undated ones last); optionally only those dated within a range, or
-- description: written in one place (documents.place mapped to a place row by name or alias, as in document_places).
-- description: Shows the first 100 by default (limit=0 for all).
-- param: from | date | null | Earliest date, YYYY-MM-DD (default: no lower bound; undated documents are then left out)
-- param: to | date | null | Latest date, YYYY-MM-DD (default: no upper bound; undated documents are then left out)
-- param: place | text | null | Only documents written in this place (as printed above the date): a place key, name or alias, e.g. ankara, Ankara or Angora (default: anywhere)
-- param: limit | integer | 100 | At most this many documents (0: all)
WITH args AS (
    -- A negative LIMIT is no limit in SQLite.
    SELECT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END AS max_rows
),
-- The printed forms of the place asked for (its name and aliases), and the documents written there,
-- found through the index on documents.place.
wanted_places AS MATERIALIZED (
    SELECT c.id FROM countries c
    WHERE c.key = lower(nullif(:place, '')) OR c.name = nullif(:place, '') COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases WHERE alias = nullif(:place, '') COLLATE NOCASE)
),
place_documents AS MATERIALIZED (
    SELECT d.id FROM documents d
    WHERE d.place IS NOT NULL
      AND d.place COLLATE NOCASE IN (SELECT name FROM countries WHERE id IN wanted_places
                                     UNION SELECT alias FROM country_aliases WHERE country_id IN wanted_places)
),
-- The documents to show are chosen first, in the order the date index gives (dated ones, then
-- undated ones), and only they get their authors, recipients and citations looked up. The
-- parameters are used directly, not through args: a join with args hid the index order from SQLite.
picked AS MATERIALIZED (
    SELECT * FROM (
        SELECT d.id, d.date_from, s.path, d.seq
        FROM documents d JOIN sources s ON s.id = d.source_id
        WHERE d.date_from IS NOT NULL
          AND (nullif(:from, '') IS NULL OR d.date_to >= :from)
          AND (nullif(:to, '') IS NULL OR d.date_from <= :to)
          AND (nullif(:place, '') IS NULL OR d.id IN place_documents)
        ORDER BY d.date_from, s.path, d.seq
        LIMIT (SELECT max_rows FROM args))
    UNION ALL
    SELECT * FROM (
        SELECT d.id, d.date_from, s.path, d.seq
        FROM documents d JOIN sources s ON s.id = d.source_id
        WHERE d.date_from IS NULL AND nullif(:from, '') IS NULL AND nullif(:to, '') IS NULL
          AND (nullif(:place, '') IS NULL OR d.id IN place_documents)
        ORDER BY s.path, d.seq
        LIMIT (SELECT max_rows FROM args))
)
SELECT o.id, o.date_from AS date, o.kind, o.is_extract, o.classification, o.authors, o.recipients, o.heading,
       o.citation
FROM picked p
JOIN document_overview o ON o.id = p.id
ORDER BY p.date_from IS NULL, p.date_from, p.path, p.seq
LIMIT (SELECT max_rows FROM args);

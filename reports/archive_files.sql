-- title: Archive files
-- description: Documents grouped by archival file (archive, fond, opis, papka, delo), with the sheets cited
-- description: and the date range covered; optionally for one archive only. Shows the first 100 files by
-- description: default (limit=0 for all).
-- param: archive | archive | null | Only this archive, e.g. AVP RF (default: all)
-- param: limit | integer | 100 | At most this many files (0: all)
WITH args AS (
    -- A negative LIMIT is no limit in SQLite.
    SELECT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END AS max_rows
),
-- The files to show are chosen first from the citations alone, which the file index
-- (archive, fond, opis, delo) serves in nearly the right order; only their citations are then
-- joined with their documents for the dates. The filter uses the parameter directly: a join with
-- args hid the index order from SQLite.
files AS MATERIALIZED (
    SELECT DISTINCT c.archive, c.fond, c.opis, c.papka, c.delo
    FROM citations c
    -- nullif: Datasette passes '' for a parameter left empty; '' means "no filter" like NULL.
    WHERE nullif(:archive, '') IS NULL OR c.archive = :archive COLLATE NOCASE
    ORDER BY c.archive, c.fond, c.opis, c.papka, c.delo
    LIMIT (SELECT max_rows FROM args)
)
SELECT c.archive,
       c.fond,
       c.opis,
       c.papka,
       c.delo,
       count(DISTINCT c.document_id) AS documents,
       group_concat(DISTINCT c.sheets) AS sheets,
       min(d.date_from) AS first_date,
       max(d.date_to) AS last_date
FROM files f
JOIN citations c ON c.archive = f.archive AND c.fond IS f.fond AND c.opis IS f.opis AND c.papka IS f.papka
                AND c.delo IS f.delo
JOIN documents d ON d.id = c.document_id
GROUP BY c.archive, c.fond, c.opis, c.papka, c.delo
ORDER BY c.archive, c.fond, c.opis, c.papka, c.delo;

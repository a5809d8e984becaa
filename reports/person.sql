-- title: One person's record
-- description: Everything the database holds about one person: offices held (from the reference data), then the
-- description: documents they wrote, received, attended, got a copy of, and were named in, each in date order.
-- description: Shows the first 100 documents of each section by default (limit=0 for all).
-- param: person | person | molotov | A person key, name, surname or alias, e.g. molotov, Litvinov or Iden
-- param: limit | integer | 100 | At most this many documents in each section (0: all)
WITH args AS (
    -- The default is repeated here because Datasette binds '' for an empty parameter.
    SELECT coalesce(nullif(:person, ''), 'molotov') AS q,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) AS max_rows
),
-- MATERIALIZED: computed once; inlined, SQLite re-ran the alias lookup for every mention row.
who AS MATERIALIZED (
    SELECT p.id, p.name FROM persons p JOIN args
    WHERE p.key = lower(args.q) OR p.name = args.q COLLATE NOCASE OR p.surname = args.q COLLATE NOCASE
       OR p.id IN (SELECT person_id FROM person_aliases WHERE alias = args.q COLLATE NOCASE)
),
-- The documents of each section are ranked by date from the (id, date_from, date_to) index (V3), and
-- only those shown are read for their heading: a documents row carries the whole body.
roles AS MATERIALIZED (
    SELECT who.id AS person_id, who.name AS person,
           CASE dp.role WHEN 'author' THEN 2 WHEN 'recipient' THEN 3 WHEN 'participant' THEN 4 ELSE 5 END AS block,
           CASE dp.role WHEN 'author' THEN 'wrote' WHEN 'recipient' THEN 'received'
                        WHEN 'participant' THEN 'attended' ELSE 'copy received' END AS section,
           d.date_from AS date, 'as ' || dp.as_printed AS detail, d.id AS document_id
    -- CROSS JOIN fixes the order: the person first, then their rows through the indexes. Left to
    -- itself SQLite 3.54 scanned every row and probed the person (3.4 s at 100,000 documents).
    FROM who
    CROSS JOIN document_persons dp ON dp.person_id = who.id
    CROSS JOIN documents d INDEXED BY documents_id_dates ON d.id = dp.document_id
),
named AS MATERIALIZED (
    SELECT who.id AS person_id, who.name AS person, 6 AS block, 'mentioned in' AS section,
           d.date_from AS date, count(*) || ' × ' || group_concat(DISTINCT m.surface) AS detail, d.id AS document_id
    FROM who
    CROSS JOIN mentions m ON m.person_id = who.id
    CROSS JOIN documents d INDEXED BY documents_id_dates ON d.id = m.document_id
    GROUP BY who.id, d.id
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY person_id, block ORDER BY date IS NULL, date, document_id) AS n
    FROM (SELECT * FROM roles UNION ALL SELECT * FROM named)
),
facts AS (
    SELECT who.name AS person, 1 AS block, 'office' AS section,
           pos.date_from AS date, pos.title AS what,
           c.name || coalesce(' in ' || h.name, '') || ', until ' || coalesce(pos.date_to, '?') AS detail,
           NULL AS document_id
    FROM positions pos
    JOIN who ON who.id = pos.person_id
    JOIN countries c ON c.id = pos.country_id
    LEFT JOIN countries h ON h.id = pos.host_country_id
    UNION ALL
    SELECT r.person, r.block, r.section, r.date, d.heading, r.detail, r.document_id
    FROM ranked r
    CROSS JOIN documents d ON d.id = r.document_id
    -- Scalar subqueries, not a join with args: SQLite then tests the rank before reading a documents row.
    WHERE (SELECT max_rows FROM args) <= 0 OR r.n <= (SELECT max_rows FROM args)
)
SELECT person, section, date, what, detail, document_id
FROM facts
ORDER BY person, block, date IS NULL, date, document_id;

-- title: One person's record
-- description: Everything the database holds about one person: offices held (from the reference data), then the
-- description: documents they wrote, received, attended, got a copy of, and were named in, each in date order.
-- param: person | text | molotov | A person key, name, surname or alias, e.g. molotov, Litvinov or Iden
WITH args AS (
    -- The default is repeated here because Datasette binds '' for an empty parameter.
    SELECT coalesce(nullif(:person, ''), 'molotov') AS q
),
-- MATERIALIZED: computed once; inlined, SQLite re-ran the alias lookup for every mention row.
who AS MATERIALIZED (
    SELECT p.id, p.name FROM persons p JOIN args
    WHERE p.key = lower(args.q) OR p.name = args.q COLLATE NOCASE OR p.surname = args.q COLLATE NOCASE
       OR p.id IN (SELECT person_id FROM person_aliases WHERE alias = args.q COLLATE NOCASE)
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
    SELECT who.name,
           CASE dp.role WHEN 'author' THEN 2 WHEN 'recipient' THEN 3 WHEN 'participant' THEN 4 ELSE 5 END,
           CASE dp.role WHEN 'author' THEN 'wrote' WHEN 'recipient' THEN 'received'
                        WHEN 'participant' THEN 'attended' ELSE 'copy received' END,
           d.date_from, d.heading, 'as ' || dp.as_printed, d.id
    FROM document_persons dp
    JOIN who ON who.id = dp.person_id
    JOIN documents d ON d.id = dp.document_id
    UNION ALL
    SELECT who.name, 6, 'mentioned in', d.date_from, d.heading,
           count(*) || ' × ' || group_concat(DISTINCT m.surface), d.id
    FROM mentions m
    JOIN who ON who.id = m.person_id
    JOIN documents d ON d.id = m.document_id
    GROUP BY who.id, d.id
)
SELECT person, section, date, what, detail, document_id
FROM facts
ORDER BY person, block, date IS NULL, date, document_id;

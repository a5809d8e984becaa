-- title: Mentions by person
-- description: How often each person is named in documents (headings, "Sent to" lines, bodies, signatures and
-- description: footnotes; `field` keeps one of them): occurrences, documents, the spellings
-- description: found (alphabetical), first and last date; optionally within a date range. Whole years come from the
-- description: per-year summary the seeder fills (mention_years); only years cut by the range are counted mention by mention.
-- description: Names printed after a title that match no person (`Mr. Holst`) follow as `unknown person: Holst`.
-- chart: hbar x=person y=mentions top=20 unit=mentions_(times_named)
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: field | text | null | Only mentions in this text: heading, distribution, body, signature or footnote (default: all)
WITH range AS (
    SELECT coalesce(nullif(:from, ''), '0000-01-01') AS f,
           coalesce(nullif(:to, ''), '9999-12-31') AS t,
           nullif(:field, '') AS field,
           -- Undated documents count only when no bound is set.
           nullif(:from, '') IS NULL AND nullif(:to, '') IS NULL AS undated
),
whole_years AS (
    SELECT y.year FROM (SELECT DISTINCT year FROM mention_years) y, range
    WHERE range.field IS NULL AND ((y.year IS NULL AND range.undated) OR (y.year || '-01-01' >= range.f AND y.year || '-12-31' <= range.t))
),
partial AS MATERIALIZED (
    -- Documents of the other years that still overlap the range (or, for
    -- one field, every document of the range).
    SELECT m.person_id, m.document_id, m.surface, d.date_from
    FROM range, documents d CROSS JOIN mentions m ON m.document_id = d.id
    WHERE m.person_id IS NOT NULL
      AND CASE WHEN range.field IS NULL THEN
              d.date_from <= range.t AND d.date_to >= range.f
              AND NOT (substr(d.date_from, 1, 4) || '-01-01' >= range.f AND substr(d.date_from, 1, 4) || '-12-31' <= range.t)
          ELSE
              m.field = range.field
              AND ((d.date_from IS NULL AND range.undated) OR (d.date_from <= range.t AND d.date_to >= range.f))
          END
),
counts AS (
    SELECT y.person_id, y.mentions, y.documents, y.first_date, y.last_date
    FROM mention_years y
    WHERE y.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM whole_years w WHERE w.year IS y.year)
    UNION ALL
    SELECT person_id, count(*), count(DISTINCT document_id), min(date_from), max(date_from)
    FROM partial GROUP BY person_id
),
spellings AS (
    SELECT s.person_id, s.surface
    FROM mention_year_spellings s
    WHERE s.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM whole_years w WHERE w.year IS s.year)
    UNION
    SELECT person_id, surface FROM partial
),
unknown AS (
    -- Names after a title that match no alias (unresolved_mentions, reason 'unknown').
    SELECT u.surface, count(*) AS mentions, count(DISTINCT u.document_id) AS documents,
           min(d.date_from) AS first_date, max(d.date_from) AS last_date
    FROM range, unresolved_mentions u JOIN documents d ON d.id = u.document_id
    WHERE u.reason = 'unknown' AND (range.field IS NULL OR u.field = range.field)
      AND ((d.date_from IS NULL AND range.undated) OR (d.date_from <= range.t AND d.date_to >= range.f))
    GROUP BY u.surface
)
SELECT person, mentions, documents, spellings, first_date, last_date
FROM (
    SELECT 0 AS unknown, p.name AS person,
           c.mentions,
           c.documents,
           (SELECT group_concat(surface, ',') FROM (SELECT surface FROM spellings s WHERE s.person_id = p.id ORDER BY surface)) AS spellings,
           c.first_date,
           c.last_date
    FROM (SELECT person_id, sum(mentions) AS mentions, sum(documents) AS documents,
                 min(first_date) AS first_date, max(last_date) AS last_date
          FROM counts GROUP BY person_id) c
    JOIN persons p ON p.id = c.person_id
    UNION ALL
    SELECT 1, 'unknown person: ' || surface, mentions, documents, surface, first_date, last_date
    FROM unknown
)
ORDER BY unknown, mentions DESC, person;

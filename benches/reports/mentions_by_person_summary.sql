-- title: Mentions by person (from the per-year summary)
-- description: mentions_by_person computed from mention_years and mention_year_spellings (migration V2): the
-- description: years wholly inside the range come from the summary, documents of partial years from mentions.
-- param: from | date | 1917-01-01 | Earliest document date (YYYY-MM-DD)
-- param: to | date | 1945-12-31 | Latest document date (YYYY-MM-DD)
WITH inside AS (
    -- Is a year (NULL: undated documents) wholly inside the range?
    SELECT :from AS f, :to AS t
),
partial AS (
    -- Documents of the other years that still overlap the range. CROSS JOIN
    -- keeps SQLite on the date index first, then each document's mentions.
    SELECT m.person_id, m.document_id, m.surface, d.date_from
    FROM inside, documents d CROSS JOIN mentions m ON m.document_id = d.id
    WHERE d.date_from <= inside.t AND d.date_to >= inside.f
      AND NOT (substr(d.date_from, 1, 4) || '-01-01' >= inside.f AND substr(d.date_from, 1, 4) || '-12-31' <= inside.t)
      AND m.person_id IS NOT NULL
),
counts AS (
    SELECT person_id, mentions, documents, first_date, last_date
    FROM mention_years, inside
    WHERE person_id IS NOT NULL
      AND (year IS NULL OR (year || '-01-01' >= inside.f AND year || '-12-31' <= inside.t))
    UNION ALL
    SELECT person_id, count(*), count(DISTINCT document_id), min(date_from), max(date_from)
    FROM partial GROUP BY person_id
),
spellings AS (
    SELECT person_id, surface
    FROM mention_year_spellings, inside
    WHERE person_id IS NOT NULL
      AND (year IS NULL OR (year || '-01-01' >= inside.f AND year || '-12-31' <= inside.t))
    UNION
    SELECT person_id, surface FROM partial
)
SELECT p.name AS person,
       c.mentions,
       c.documents,
       (SELECT group_concat(surface) FROM spellings s WHERE s.person_id = p.id) AS spellings,
       c.first_date,
       c.last_date
FROM (SELECT person_id, sum(mentions) AS mentions, sum(documents) AS documents,
             min(first_date) AS first_date, max(last_date) AS last_date
      FROM counts GROUP BY person_id) c
JOIN persons p ON p.id = c.person_id
ORDER BY c.mentions DESC, p.name;

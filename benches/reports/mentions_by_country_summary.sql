-- title: Mentions by country (from the per-year summary)
-- description: mentions_by_country computed from mention_years (migration V2): the years wholly inside the
-- description: range come from the summary, documents of partial years from mentions. Same rows, milliseconds.
-- param: from | date | 1917-01-01 | Earliest document date (YYYY-MM-DD)
-- param: to | date | 1945-12-31 | Latest document date (YYYY-MM-DD)
WITH counts AS (
    -- Years wholly inside the range (and undated documents): the summary.
    SELECT country_id, mentions, documents, first_date, last_date
    FROM mention_years
    WHERE country_id IS NOT NULL
      AND (year IS NULL OR (year || '-01-01' >= :from AND year || '-12-31' <= :to))
    UNION ALL
    -- Documents of the other years that still overlap the range: counted from mentions.
    SELECT m.country_id, count(*), count(DISTINCT m.document_id), min(d.date_from), max(d.date_from)
    FROM documents d CROSS JOIN mentions m ON m.document_id = d.id
    WHERE d.date_from <= :to AND d.date_to >= :from
      AND NOT (substr(d.date_from, 1, 4) || '-01-01' >= :from AND substr(d.date_from, 1, 4) || '-12-31' <= :to)
      AND m.country_id IS NOT NULL
    GROUP BY m.country_id
)
SELECT c.name AS country, c.kind, sum(mentions) AS mentions, sum(documents) AS documents,
       min(first_date) AS first_date, max(last_date) AS last_date
FROM counts JOIN countries c ON c.id = counts.country_id
GROUP BY c.id
ORDER BY mentions DESC, c.name;

-- title: Mentions by country
-- description: How often each country or region is named in documents (headings, "Sent to" lines, bodies,
-- description: signatures and footnotes; `field` keeps one of them): occurrences, documents,
-- description: first and last date; optionally within a date range. Regions (the Balkans, the Middle East) included.
-- description: Whole years come from the per-year summary the seeder fills (mention_years); only documents of
-- description: years cut by the range are counted mention by mention, so the report stays fast on a large corpus.
-- chart: hbar x=country y=mentions top=20 unit=mentions_(times_named)
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
counts AS (
    -- Years wholly inside the range (and undated documents): the summary.
    SELECT y.country_id, y.mentions, y.documents, y.first_date, y.last_date
    FROM mention_years y, range
    WHERE y.country_id IS NOT NULL AND range.field IS NULL
      AND ((y.year IS NULL AND range.undated)
           OR (y.year || '-01-01' >= range.f AND y.year || '-12-31' <= range.t))
    UNION ALL
    -- Documents of the other years that still overlap the range (or, for one
    -- field, every document of the range). CROSS JOIN keeps SQLite on the
    -- date index first, then each document's mentions.
    SELECT m.country_id, count(*), count(DISTINCT m.document_id), min(d.date_from), max(d.date_from)
    FROM range, documents d CROSS JOIN mentions m ON m.document_id = d.id
    WHERE m.country_id IS NOT NULL
      AND CASE WHEN range.field IS NULL THEN
              d.date_from <= range.t AND d.date_to >= range.f
              AND NOT (substr(d.date_from, 1, 4) || '-01-01' >= range.f AND substr(d.date_from, 1, 4) || '-12-31' <= range.t)
          ELSE
              m.field = range.field
              AND ((d.date_from IS NULL AND range.undated) OR (d.date_from <= range.t AND d.date_to >= range.f))
          END
    GROUP BY m.country_id
)
SELECT c.name AS country,
       c.kind,
       sum(counts.mentions) AS mentions,
       sum(counts.documents) AS documents,
       min(counts.first_date) AS first_date,
       max(counts.last_date) AS last_date
FROM counts
JOIN countries c ON c.id = counts.country_id
GROUP BY c.id
ORDER BY mentions DESC, c.name;

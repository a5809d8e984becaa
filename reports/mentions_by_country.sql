-- title: Mentions by country
-- description: How often each country or region is named in document bodies: occurrences, documents,
-- description: first and last date; optionally within a date range. Regions (the Balkans, the Middle East) included.
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
SELECT c.name AS country,
       c.kind,
       count(*) AS mentions,
       count(DISTINCT m.document_id) AS documents,
       min(d.date_from) AS first_date,
       max(d.date_from) AS last_date
FROM mentions m
JOIN countries c ON c.id = m.country_id
JOIN documents d ON d.id = m.document_id
WHERE (nullif(:from, '') IS NULL OR d.date_to >= :from)
  AND (nullif(:to, '') IS NULL OR d.date_from <= :to)
GROUP BY c.id
ORDER BY mentions DESC, c.name;

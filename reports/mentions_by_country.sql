-- title: Mentions by country
-- description: How often each country or region is named in document bodies: occurrences, documents,
-- description: first and last date; optionally within a date range. Regions (the Balkans, the Middle East) included.
-- param: from | date | 1917-01-01 | Earliest document date (YYYY-MM-DD)
-- param: to | date | 1945-12-31 | Latest document date (YYYY-MM-DD)
SELECT c.name AS country,
       c.kind,
       count(*) AS mentions,
       count(DISTINCT m.document_id) AS documents,
       min(d.date_from) AS first_date,
       max(d.date_from) AS last_date
FROM mentions m
JOIN countries c ON c.id = m.country_id
JOIN documents d ON d.id = m.document_id
WHERE d.date_from IS NULL OR (d.date_from <= :to AND d.date_to >= :from)
GROUP BY c.id
ORDER BY mentions DESC, c.name;

-- title: Mentions by person
-- description: How often each person is named in document bodies: occurrences, documents, the spellings
-- description: found, first and last date; optionally within a date range.
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
SELECT p.name AS person,
       count(*) AS mentions,
       count(DISTINCT m.document_id) AS documents,
       group_concat(DISTINCT m.surface) AS spellings,
       min(d.date_from) AS first_date,
       max(d.date_from) AS last_date
FROM mentions m
JOIN persons p ON p.id = m.person_id
JOIN documents d ON d.id = m.document_id
WHERE (nullif(:from, '') IS NULL OR d.date_to >= :from)
  AND (nullif(:to, '') IS NULL OR d.date_from <= :to)
GROUP BY p.id
ORDER BY mentions DESC, p.name;

-- title: Documents
-- description: Every document with its date, kind, classification, authors, recipients and archival
-- description: citation, in date order; optionally only those dated within a range.
-- param: from | date | 1917-01-01 | Earliest date (YYYY-MM-DD)
-- param: to | date | 1945-12-31 | Latest date (YYYY-MM-DD)
SELECT id, date_from AS date, kind, is_extract, classification, authors, recipients, heading, citation
FROM document_overview
WHERE date_from IS NULL OR (date_from <= :to AND date_to >= :from)
ORDER BY date_from IS NULL, date_from, source, seq;

-- title: Documents
-- description: Every document with its date, kind, classification, authors, recipients and archival
-- description: citation, in date order (undated ones last); optionally only those dated within a range.
-- param: from | date | null | Earliest date, YYYY-MM-DD (default: no lower bound; undated documents are then left out)
-- param: to | date | null | Latest date, YYYY-MM-DD (default: no upper bound; undated documents are then left out)
SELECT id, date_from AS date, kind, is_extract, classification, authors, recipients, heading, citation
FROM document_overview
WHERE (nullif(:from, '') IS NULL OR date_to >= :from)
  AND (nullif(:to, '') IS NULL OR date_from <= :to)
ORDER BY date_from IS NULL, date_from, source, seq;

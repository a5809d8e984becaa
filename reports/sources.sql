-- title: Corpus files
-- description: Every corpus file read: its format, encoding and size, how many documents and warnings it
-- description: gave, the dates it covers and the start of its SHA-256; optionally only paths containing a text.
-- param: path | text | null | Only files whose path contains this text, e.g. 1939 or .htm (default: all)
-- Documents and warnings are counted per file in one pass, and the counts then look up their file by
-- primary key: a correlated subquery per file, or a join into the grouped counts, scans every warning
-- (or every count) for every file (minutes at 10 000 files). Every file gets a row, even without documents.
WITH facts AS (
    SELECT id AS source_id, 0 AS is_document, 0 AS is_warning, NULL AS date_from, NULL AS date_to
    FROM sources
    UNION ALL
    SELECT source_id, 1, 0, date_from, date_to
    FROM documents
    UNION ALL
    -- A warning belongs to the file directly or through its document.
    SELECT coalesce(w.source_id, wd.source_id), 0, 1, NULL, NULL
    FROM warnings w
    LEFT JOIN documents wd ON wd.id = w.document_id
),
per_source AS (
    SELECT source_id, sum(is_document) AS documents, sum(is_warning) AS warnings,
           min(date_from) AS first_date, max(date_to) AS last_date
    FROM facts
    GROUP BY source_id
)
SELECT s.path,
       s.format,
       s.encoding,
       s.bytes,
       ps.documents,
       ps.warnings,
       ps.first_date,
       ps.last_date,
       substr(s.sha256, 1, 12) AS sha256
FROM per_source ps
JOIN sources s ON s.id = ps.source_id
WHERE nullif(:path, '') IS NULL OR instr(s.path, :path) > 0
ORDER BY s.path;

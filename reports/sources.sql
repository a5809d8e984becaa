-- title: Corpus files
-- description: Every corpus file read: its format, encoding and size, how many documents and warnings it
-- description: gave, the dates it covers and the start of its SHA-256; optionally only paths containing a text.
-- param: path | text | null | Only files whose path contains this text, e.g. 1939 or .htm (default: all)
SELECT s.path,
       s.format,
       s.encoding,
       s.bytes,
       (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents,
       -- A warning belongs to the file directly or through its document.
       (SELECT count(*) FROM warnings w LEFT JOIN documents wd ON wd.id = w.document_id
        WHERE coalesce(w.source_id, wd.source_id) = s.id) AS warnings,
       (SELECT min(date_from) FROM documents d WHERE d.source_id = s.id) AS first_date,
       (SELECT max(date_to) FROM documents d WHERE d.source_id = s.id) AS last_date,
       substr(s.sha256, 1, 12) AS sha256
FROM sources s
WHERE nullif(:path, '') IS NULL OR instr(s.path, :path) > 0
ORDER BY s.path;

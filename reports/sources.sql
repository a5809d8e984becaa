-- title: Corpus files
-- description: Every corpus file read: its format, encoding and size, how many documents and warnings it
-- description: gave, the dates it covers and the start of its SHA-256; optionally only paths containing a text.
-- description: Shows the first 200 files by default (limit=0 for all).
-- param: path | text | null | Only files whose path contains this text, e.g. 1939 or .htm (default: all)
-- param: limit | integer | 200 | At most this many files (0: all)
-- The files to show are chosen first, in path order through the path index, and only they get their
-- documents and warnings counted, each through its own index: a few lookups per file shown instead of
-- a pass over every document and warning. A warning belongs to the file directly or through its document.
SELECT s.path,
       s.format,
       s.encoding,
       s.bytes,
       (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents,
       (SELECT count(*) FROM warnings w WHERE w.source_id = s.id)
         + (SELECT count(*) FROM documents d JOIN warnings w ON w.document_id = d.id
            WHERE d.source_id = s.id AND w.source_id IS NULL) AS warnings,
       (SELECT min(d.date_from) FROM documents d WHERE d.source_id = s.id) AS first_date,
       (SELECT max(d.date_to) FROM documents d WHERE d.source_id = s.id) AS last_date,
       substr(s.sha256, 1, 12) AS sha256
FROM sources s
WHERE nullif(:path, '') IS NULL OR instr(s.path, :path) > 0
ORDER BY s.path
-- A negative LIMIT is no limit in SQLite.
LIMIT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) > 0
           THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) ELSE -1 END;

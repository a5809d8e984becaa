-- title: Parse warnings
-- description: What the parser and the name resolver could not interpret, with the file and line to look at
-- description: and what was expected there; optionally one warning code only. Shows the first 200 by default
-- description: (limit=0 for all).
-- param: code | text | null | Only this warning code, e.g. date_unreadable (default: all)
-- param: limit | integer | 200 | At most this many warnings (0: all)
WITH args AS (
    -- A negative LIMIT is no limit in SQLite.
    SELECT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) ELSE -1 END AS max_rows
),
-- Warnings about entries never read (no file row) come first, then the files in path order
-- through the path index, each with its warnings (CROSS JOIN keeps SQLite on that order), until the
-- limit is reached. The filter uses the parameter directly: a join with args hid the index order.
picked AS MATERIALIZED (
    SELECT * FROM (
        SELECT NULL AS path, w.line, w.id
        FROM warnings w
        WHERE w.source_id IS NULL AND (nullif(:code, '') IS NULL OR w.code = :code)
        ORDER BY w.line, w.id
        LIMIT (SELECT max_rows FROM args))
    UNION ALL
    SELECT * FROM (
        SELECT s.path, w.line, w.id
        FROM sources s CROSS JOIN warnings w ON w.source_id = s.id
        WHERE nullif(:code, '') IS NULL OR w.code = :code
        ORDER BY s.path, w.line, w.id
        LIMIT (SELECT max_rows FROM args))
)
SELECT coalesce(k.path, '(not read)') AS file,
       w.line,
       w.document_id,
       w.code,
       w.message,
       w.expected
FROM picked k
JOIN warnings w ON w.id = k.id
ORDER BY k.path, k.line, k.id
LIMIT (SELECT max_rows FROM args);

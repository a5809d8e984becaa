-- title: Parse warnings
-- description: What the parser and the name resolver could not interpret, with the file and line to look at
-- description: and what was expected there; optionally one warning code only.
-- param: code | text | null | Only this warning code, e.g. date_unreadable (default: all)
SELECT coalesce(s.path, '(not read)') AS file,
       w.line,
       w.document_id,
       w.code,
       w.message,
       w.expected
FROM warnings w
LEFT JOIN sources s ON s.id = w.source_id
WHERE nullif(:code, '') IS NULL OR w.code = :code
ORDER BY s.path, w.line, w.id;

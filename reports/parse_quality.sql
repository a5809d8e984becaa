-- title: Parse quality
-- description: Documents the parser could not fully read: no date, no author in the heading, an author the
-- description: reference data does not know, a classification printed but not understood, or no citation
-- description: (archival or published); with the file, the line and the number of warnings. Shows the first 100
-- description: by default (limit=0 for all).
-- param: missing | text | null | Only one problem: date, author, author_unresolved, classification or citation (default: all)
-- param: limit | integer | 100 | At most this many documents (0: all)
-- Files are read in path order through the path index and their documents in seq order through
-- UNIQUE (source_id, seq) (CROSS JOIN keeps SQLite on that order), so the checks stop at the limit
-- instead of running on every document; each check is an index lookup (warnings by document_id: V2).
WITH checks AS (
    SELECT d.id,
           s.path AS source,
           d.seq,
           d.start_line,
           d.date_from,
           d.heading,
           d.date_from IS NULL AS no_date,
           NOT EXISTS (SELECT 1 FROM document_parties dp
                       WHERE dp.document_id = d.id AND dp.role = 'author') AS no_author,
           EXISTS (SELECT 1 FROM document_parties dp
                   WHERE dp.document_id = d.id AND dp.role = 'author'
                     AND dp.person_id IS NULL AND dp.institution_id IS NULL) AS author_unresolved,
           (d.classification IS NULL AND d.classification_text IS NOT NULL) AS classification_unread,
           NOT EXISTS (SELECT 1 FROM citations c WHERE c.document_id = d.id)
             AND NOT EXISTS (SELECT 1 FROM publications pu WHERE pu.document_id = d.id) AS no_citation,
           (SELECT count(*) FROM warnings w WHERE w.document_id = d.id) AS warnings
    FROM sources s
    CROSS JOIN documents d ON d.source_id = s.id
)
SELECT id,
       source,
       start_line AS line,
       date_from AS date,
       rtrim(CASE WHEN no_date THEN 'date, ' ELSE '' END
             || CASE WHEN no_author THEN 'author, ' ELSE '' END
             || CASE WHEN author_unresolved THEN 'author_unresolved, ' ELSE '' END
             || CASE WHEN classification_unread THEN 'classification, ' ELSE '' END
             || CASE WHEN no_citation THEN 'citation, ' ELSE '' END, ', ') AS missing,
       warnings,
       heading
FROM checks
WHERE (no_date OR no_author OR author_unresolved OR classification_unread OR no_citation)
  AND CASE lower(coalesce(nullif(:missing, ''), 'all'))
        WHEN 'all' THEN 1
        WHEN 'date' THEN no_date
        WHEN 'author' THEN no_author
        WHEN 'author_unresolved' THEN author_unresolved
        WHEN 'classification' THEN classification_unread
        WHEN 'citation' THEN no_citation
        ELSE 0
      END
ORDER BY source, seq
-- A negative LIMIT is no limit in SQLite.
LIMIT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
           THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END;

-- title: Parse quality
-- description: Documents the parser could not fully read: no date, no author in the heading, an author the
-- description: reference data does not know, a classification printed but not understood, or no citation
-- description: (archival or published); with the file, the line and the number of warnings. Shows the first 100
-- description: by default (limit=0 for all).
-- param: missing | text | null | Only one problem: date, author, author_unresolved, classification or citation (default: all)
-- param: limit | integer | 100 | At most this many documents (0: all)
-- Files are read in path order through the path index and their documents in seq order through
-- UNIQUE (source_id, seq) (CROSS JOIN keeps SQLite on that order), so the scan stops at the limit.
-- Each check is a look-up in a set built once from a narrow index (documents_dates, the partial
-- index documents_classification_unread of V5, document_parties, citations, publications), so a
-- document's wide row (its texts) is only read when it is shown: on a corpus where few documents
-- have a problem the scan runs over every document.
WITH checks AS (
    SELECT d.id,
           s.path AS source,
           d.seq,
           d.id IN (SELECT id FROM documents WHERE date_from IS NULL) AS no_date,
           d.id NOT IN (SELECT document_id FROM document_parties WHERE role = 'author') AS no_author,
           d.id IN (SELECT document_id FROM document_parties
                    WHERE role = 'author' AND person_id IS NULL AND institution_id IS NULL) AS author_unresolved,
           d.id IN (SELECT id FROM documents INDEXED BY documents_classification_unread
                    WHERE classification IS NULL AND classification_text IS NOT NULL) AS classification_unread,
           d.id NOT IN (SELECT document_id FROM citations)
             AND d.id NOT IN (SELECT document_id FROM publications) AS no_citation
    FROM sources s
    CROSS JOIN documents d ON d.source_id = s.id
)
SELECT c.id,
       source,
       d.start_line AS line,
       d.date_from AS date,
       rtrim(CASE WHEN no_date THEN 'date, ' ELSE '' END
             || CASE WHEN no_author THEN 'author, ' ELSE '' END
             || CASE WHEN author_unresolved THEN 'author_unresolved, ' ELSE '' END
             || CASE WHEN classification_unread THEN 'classification, ' ELSE '' END
             || CASE WHEN no_citation THEN 'citation, ' ELSE '' END, ', ') AS missing,
       (SELECT count(*) FROM warnings w WHERE w.document_id = c.id) AS warnings,
       d.heading
FROM checks c
JOIN documents d ON d.id = c.id
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
ORDER BY c.source, c.seq
-- A negative LIMIT is no limit in SQLite.
LIMIT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
           THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END;

-- title: Parse quality
-- description: Documents the parser could not fully read: no date, no author in the heading, an author the
-- description: reference data does not know, a classification printed but not understood, or no citation
-- description: (archival or published); with the file, the line and the number of warnings.
-- param: missing | text | null | Only one problem: date, author, author_unresolved, classification or citation (default: all)
WITH warnings_per_document AS (
    -- Grouped once and joined: warnings has no index on document_id, so a per-document subquery
    -- would scan every warning for every document.
    SELECT document_id, count(*) AS warnings FROM warnings WHERE document_id IS NOT NULL GROUP BY document_id
),
checks AS (
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
           coalesce(wd.warnings, 0) AS warnings
    FROM documents d
    JOIN sources s ON s.id = d.source_id
    LEFT JOIN warnings_per_document wd ON wd.document_id = d.id
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
ORDER BY source, seq;

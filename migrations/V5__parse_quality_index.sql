-- Why: the parse_quality report checks every document for "a classification
-- printed but not understood" (classification IS NULL, classification_text
-- set). Those columns live in the documents' wide rows, beside the texts, so
-- the check read every document's row: about 0.3 s at 100,000 documents when
-- few documents have a problem. This partial index holds only the documents
-- that fail the check (none, as the parser writes them today), so the report
-- reads it instead: about 0.15 s. Its build at the end of a full seed is one
-- pass over the documents.
CREATE INDEX documents_classification_unread ON documents (id)
    WHERE classification IS NULL AND classification_text IS NOT NULL;

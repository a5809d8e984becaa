-- Why: every page was stored four times (sources.content, sources.text,
-- documents.raw_text, documents.body), and the database was about six
-- times the corpus. Now the text of a page is stored once, as the
-- documents' raw_text and the boilerplate's text, which tile the page:
--
-- - `documents.body` is a virtual column, rebuilt on read from the
--   document's raw_text: the lines between body_start and body_start +
--   body_length, with the line breaks normalised and the blank lines left
--   out, as the parser joins them. Where the parser's body is not that
--   (a footnote line inside the body, say), it is kept in `body_text`.
-- - `sources` becomes a view over the table `source_files`: its `text` is
--   the page's documents and boilerplate put back together (or
--   `stored_text`, where they do not tile the page), and its `content` the
--   file's bytes: `stored_bytes` where decoding changed them (another
--   code page, HTML), else the text itself.
--
-- Every name a user's query reads is still there: sources.text and
-- sources.content, documents.body and documents.raw_text. Rows of a
-- database seeded before this migration keep their texts in body_text and
-- stored_text; the next full seed stores them once.

-- What reads the columns that change goes first, and comes back at the end.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_update;
DROP TRIGGER documents_fts_delete;
DROP VIEW mention_texts;

-- documents.body, rebuilt from raw_text.
ALTER TABLE documents ADD COLUMN body_text TEXT;
ALTER TABLE documents ADD COLUMN body_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN body_length INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET body_text = body;
ALTER TABLE documents DROP COLUMN body;
-- The one definition of a rebuilt body (src/seed/texts.rs mirrors it, and
-- a test holds the two equal): CRLF to LF, then lines that are empty or
-- hold one space or one no-break space left out, twice over.
ALTER TABLE documents ADD COLUMN body TEXT GENERATED ALWAYS AS (coalesce(body_text,
    replace(replace(replace(replace(replace(replace(replace(
        substr(raw_text, body_start + 1, body_length),
        char(13, 10), char(10)),
        char(10, 160, 10), char(10)), char(10, 32, 10), char(10)), char(10, 10), char(10)),
        char(10, 160, 10), char(10)), char(10, 32, 10), char(10)), char(10, 10), char(10)))) VIRTUAL;

-- sources: a view over source_files.
ALTER TABLE sources ADD COLUMN stored_text TEXT;
ALTER TABLE sources ADD COLUMN stored_bytes BLOB;
UPDATE sources SET stored_text = text,
                   stored_bytes = CASE WHEN content = CAST(text AS BLOB) THEN NULL ELSE content END;
-- Renaming moves the foreign keys of documents, boilerplate and warnings,
-- and the views that join sources, to source_files.
ALTER TABLE sources RENAME TO source_files;
ALTER TABLE source_files DROP COLUMN text;
ALTER TABLE source_files DROP COLUMN content;

-- The page text from its pieces, in page order.
CREATE VIEW source_texts AS
SELECT f.id AS source_id,
       coalesce(f.stored_text,
                (SELECT group_concat(piece, '') FROM (
                     SELECT raw_start, raw_text AS piece FROM documents WHERE source_id = f.id
                     UNION ALL
                     SELECT raw_start, text FROM boilerplate WHERE source_id = f.id
                     ORDER BY 1)),
                '') AS text
FROM source_files f;

CREATE VIEW sources AS
SELECT f.id, f.path, f.format, f.sha256, f.bytes, f.encoding,
       t.text,
       coalesce(f.stored_bytes, CAST(t.text AS BLOB)) AS content
FROM source_files f
JOIN source_texts t ON t.source_id = f.id;

CREATE VIEW mention_texts AS
SELECT m.id AS mention_id,
       m.document_id,
       m.field,
       CASE m.field
           WHEN 'heading' THEN d.heading
           WHEN 'body' THEN d.body
           WHEN 'signature' THEN d.signature
           WHEN 'distribution' THEN d.distribution_text
           WHEN 'footnote' THEN f.text
       END AS text
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN footnotes f ON f.id = m.footnote_id;

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, heading, body) VALUES (new.id, new.heading, new.body);
END;
-- Any column the heading or the body is made of; only when they changed.
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents
WHEN old.heading IS NOT new.heading OR old.body IS NOT new.body BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
    INSERT INTO documents_fts (rowid, heading, body) VALUES (new.id, new.heading, new.body);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
END;

UPDATE data_dictionary SET description = 'One row per corpus file (a page of the collection), with its text and its exact bytes: nothing of the corpus is lost. A view over source_files: the text is put back together from the page''s documents and boilerplate.', kind = 'view'
WHERE object = 'sources' AND column_name = '';
UPDATE data_dictionary SET description = 'The page text the parser read (decoded; for HTML, the extracted text), rebuilt from documents.raw_text and boilerplate.text.'
WHERE object = 'sources' AND column_name = 'text';
UPDATE data_dictionary SET description = 'The file''s exact bytes: source_files.stored_bytes where decoding changed them, else the text itself.'
WHERE object = 'sources' AND column_name = 'content';
UPDATE data_dictionary SET description = 'The text of the document: its body lines as printed, one per line, without blank lines (rebuilt from raw_text, or body_text).'
WHERE object = 'documents' AND column_name = 'body';
UPDATE data_dictionary SET description = 'Byte offset of raw_text in the page text (sources.text).'
WHERE object = 'documents' AND column_name = 'raw_start';
UPDATE data_dictionary SET description = 'Byte offset where raw_text ends in the page text (sources.text).'
WHERE object = 'documents' AND column_name = 'raw_end';
INSERT INTO data_dictionary (object, column_name, kind, description) VALUES
('documents', 'body_text', 'column', 'The body where it is not rebuilt from raw_text (a footnote line inside it, say); NULL otherwise. Read documents.body instead.'),
('documents', 'body_start', 'column', 'Where the body''s lines start in raw_text, in characters from 0.'),
('documents', 'body_length', 'column', 'How many characters of raw_text the body''s lines span.'),
('source_files', '', 'table', 'The stored part of sources: one row per corpus file, without the text its documents and boilerplate already hold. Read sources instead.'),
('source_files', 'path', 'column', 'The file''s path inside the corpus folder.'),
('source_files', 'format', 'column', 'text or html.'),
('source_files', 'sha256', 'column', 'SHA-256 of the file''s bytes; an unchanged file is not parsed again.'),
('source_files', 'bytes', 'column', 'Size of the file in bytes.'),
('source_files', 'encoding', 'column', 'The character encoding the file was decoded from.'),
('source_files', 'stored_text', 'column', 'The page text, only where its documents and boilerplate do not hold all of it (a page stored unparsed); NULL otherwise.'),
('source_files', 'stored_bytes', 'column', 'The file''s exact bytes, only where they are not the text in UTF-8 (another code page, HTML); NULL otherwise.'),
('source_texts', '', 'view', 'Each page''s text, put back together from its documents and boilerplate in page order.'),
('source_texts', 'source_id', 'column', 'The corpus file (source_files).'),
('source_texts', 'text', 'column', 'The page text the parser read.');

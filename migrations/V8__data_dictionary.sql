-- Why: a reader of the database (in sqlite3, DB Browser or Datasette) needs
-- to know what each table, view and important column holds. The
-- descriptions live here, once: `select * from data_dictionary` shows them,
-- and `archdb datasette` builds Datasette's metadata from this table. A
-- later migration that adds a table, view or column adds its rows here too
-- (tests/datasette.rs fails on a table or view without a description).
--
-- document_overview gains three columns at its end, for Datasette facets:
-- year, archives and author_names (JSON arrays, faceted as arrays).

CREATE TABLE data_dictionary (
    -- The table or view described; '' for the database itself.
    object      TEXT NOT NULL,
    -- The column described; '' for the table or view itself.
    column_name TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('database', 'table', 'view', 'column')),
    description TEXT NOT NULL,
    PRIMARY KEY (object, column_name)
) WITHOUT ROWID;

DROP VIEW document_overview;
-- One line per document: the overview a historian starts from.
CREATE VIEW document_overview AS
SELECT d.id,
       s.path AS source,
       d.seq,
       d.date_from,
       d.date_to,
       d.date_precision,
       d.kind,
       d.is_extract,
       d.classification,
       d.priority,
       d.heading,
       (SELECT group_concat(name, '; ') FROM (
            SELECT p.name FROM document_persons dp JOIN persons p ON p.id = dp.person_id
            WHERE dp.document_id = d.id AND dp.role = 'author'
            UNION ALL
            SELECT i.name FROM document_institutions di JOIN institutions i ON i.id = di.institution_id
            WHERE di.document_id = d.id AND di.role = 'author')) AS authors,
       (SELECT group_concat(name, '; ') FROM (
            SELECT p.name FROM document_persons dp JOIN persons p ON p.id = dp.person_id
            WHERE dp.document_id = d.id AND dp.role IN ('recipient', 'participant')
            UNION ALL
            SELECT i.name FROM document_institutions di JOIN institutions i ON i.id = di.institution_id
            WHERE di.document_id = d.id AND di.role IN ('recipient', 'participant'))) AS recipients,
       (SELECT group_concat(cs.citation, '; ') FROM citation_strings cs WHERE cs.document_id = d.id) AS citation,
       substr(d.date_from, 1, 4) AS year,
       (SELECT json_group_array(archive) FROM (
            SELECT DISTINCT c.archive FROM citations c WHERE c.document_id = d.id ORDER BY c.archive)) AS archives,
       (SELECT json_group_array(name) FROM (
            SELECT p.name FROM document_persons dp JOIN persons p ON p.id = dp.person_id
            WHERE dp.document_id = d.id AND dp.role = 'author'
            UNION
            SELECT i.name FROM document_institutions di JOIN institutions i ON i.id = di.institution_id
            WHERE di.document_id = d.id AND di.role = 'author')) AS author_names
FROM documents d
JOIN sources s ON s.id = d.source_id;

INSERT INTO data_dictionary (object, column_name, kind, description) VALUES
('', '', 'database', 'Soviet diplomatic documents, 1919-1941: "Selected Secret Documents from Soviet Foreign Policy Documents Archives", machine-translated into English, parsed into documents with their dates, classifications, authors, recipients, archival citations and the persons and countries they name. Start with the Overview report, browse document_overview (facets by year, kind, classification, archive and author), or search the texts with the Full-text search report.'),

-- corpus
('sources', '', 'table', 'One row per corpus file (a page of the collection), with its exact bytes: nothing of the corpus is lost.'),
('sources', 'path', 'column', 'The file''s path inside the corpus folder.'),
('sources', 'format', 'column', 'text or html.'),
('sources', 'sha256', 'column', 'SHA-256 of the file''s bytes; an unchanged file is not parsed again.'),
('sources', 'bytes', 'column', 'Size of the file in bytes.'),
('sources', 'encoding', 'column', 'The character encoding the file was decoded from.'),
('sources', 'text', 'column', 'The page text the parser read (decoded; for HTML, the extracted text).'),
('sources', 'content', 'column', 'The file''s exact bytes.'),
('documents', '', 'table', 'One row per document: heading, kind, date as printed and normalised, classification, priority, body and signature, with the exact raw text. Open a row to read the document.'),
('documents', 'source_id', 'column', 'The corpus file the document comes from (sources).'),
('documents', 'seq', 'column', 'The document''s place on its page: 1 for the first.'),
('documents', 'heading', 'column', 'The heading as printed, e.g. "Telegram of the plenipotentiary representative of the USSR in Turkey ...".'),
('documents', 'kind', 'column', 'telegram, note, letter, conversation, diary, treaty, report, statement or other, read from the heading.'),
('documents', 'is_extract', 'column', '1 when the heading says the text is an extract.'),
('documents', 'date_text', 'column', 'The date as printed.'),
('documents', 'date_from', 'column', 'Earliest day the date allows, YYYY-MM-DD.'),
('documents', 'date_to', 'column', 'Latest day the date allows, YYYY-MM-DD (the same day for an exact date).'),
('documents', 'date_precision', 'column', 'day, month, year or unknown.'),
('documents', 'doc_number', 'column', 'The document''s own number, as printed (No. 123).'),
('documents', 'place', 'column', 'Where it was written, as printed.'),
('documents', 'classification', 'column', 'secret, top_secret or top_secret_special_folder; empty when unclassified or unreadable.'),
('documents', 'classification_text', 'column', 'The classification as printed.'),
('documents', 'priority', 'column', 'out_of_turn, immediately, urgent or highly_important (telegrams).'),
('documents', 'priority_text', 'column', 'The priority as printed.'),
('documents', 'distribution_text', 'column', 'The "Sent to" line as printed.'),
('documents', 'body', 'column', 'The text of the document.'),
('documents', 'signature', 'column', 'The signature line.'),
('documents', 'print_note', 'column', 'Printing notes such as the number of copies.'),
('documents', 'press_source', 'column', 'The newspaper a published statement was printed in.'),
('documents', 'raw_text', 'column', 'The document''s exact text on the page, from heading to citation.'),
('documents', 'raw_start', 'column', 'Byte offset of raw_text in sources.text.'),
('documents', 'raw_end', 'column', 'Byte offset where raw_text ends in sources.text.'),
('documents', 'start_line', 'column', 'First line of the document in its file.'),
('documents', 'end_line', 'column', 'Last line of the document in its file.'),
('documents', 'body_line', 'column', 'Line of the file where the body starts.'),
('boilerplate', '', 'table', 'Page text that belongs to no document (site header and footer); with the documents it tiles each page exactly.'),
('citations', '', 'table', 'Archival citations of a document: archive, fond, opis, papka, delo and sheets, with the citation as printed.'),
('citations', 'archive', 'column', 'The archive, normalised: AVP RF, RGASPI, ...'),
('citations', 'fond', 'column', 'Fond (collection) number.'),
('citations', 'opis', 'column', 'Opis (inventory) number.'),
('citations', 'papka', 'column', 'Papka (folder) number.'),
('citations', 'delo', 'column', 'Delo (file) number.'),
('citations', 'sheets', 'column', 'Sheets (listy), e.g. 121-123.'),
('citations', 'as_printed', 'column', 'The citation as printed.'),
('citations', 'line', 'column', 'Line of the file the citation is on.'),
('publications', '', 'table', 'Printed, non-archival sources a document cites ("Publ.: ...").'),
('footnotes', '', 'table', 'Footnotes of documents, with their marker.'),
('document_parties', '', 'table', 'Every author, recipient, participant and copy recipient a heading or "Sent to" line names, as printed, with the person, position or institution it resolved to (empty when unresolved).'),
('document_parties', 'role', 'column', 'author, recipient, participant or copy_recipient.'),
('document_parties', 'as_printed', 'column', 'The party as printed.'),
('document_persons', '', 'table', 'Resolved persons in a document''s heading or "Sent to" line, with their role and the position they held then.'),
('document_persons', 'role', 'column', 'author, recipient, participant or copy_recipient.'),
('document_persons', 'position_id', 'column', 'The term of office the person held on the document''s date.'),
('document_institutions', '', 'table', 'Resolved institutions (the NKID, the general secretariat) in a document''s heading or "Sent to" line.'),
('mentions', '', 'table', 'A person or country named in a document: in its heading, "Sent to" line, body, signature or a footnote, with character offsets into that text.'),
('mentions', 'field', 'column', 'Which text the mention is in: heading, distribution ("Sent to" line), body, signature or footnote.'),
('mentions', 'footnote_id', 'column', 'The footnote a footnote mention is in.'),
('mentions', 'char_start', 'column', 'Offset of the first character in the text of the field, counting from 0.'),
('mentions', 'char_end', 'column', 'Offset just past the last character.'),
('mentions', 'surface', 'column', 'The words as printed.'),
('mentions', 'rule', 'column', 'For a name several persons share: the alias and the rule that chose this person (initials, title, another mention, office on the date, lifetimes); empty when the alias names one entity only.'),
('unresolved_mentions', '', 'table', 'Names found but not settled: unknown (a capitalised name after a title that no alias matches) or ambiguous (an alias several persons share that the evidence cannot decide).'),
('unresolved_mentions', 'reason', 'column', 'unknown or ambiguous.'),
('unresolved_mentions', 'note', 'column', 'The title that marked the name, or why the candidates could not be told apart.'),
('mention_candidates', '', 'table', 'The persons or countries an ambiguous unresolved mention may mean.'),
('warnings', '', 'table', 'Whatever the parser or resolver could not interpret, with file and line, what was found and what was expected.'),
('warnings', 'code', 'column', 'What kind of problem, e.g. no_date, no_citation, uncertain_holder.'),
('warnings', 'message', 'column', 'What was found.'),
('warnings', 'expected', 'column', 'What the parser expected instead.'),
('warnings', 'line', 'column', 'Line of the file.'),
('documents_fts', '', 'table', 'The full-text index over headings and bodies (SQLite FTS5), kept in sync by triggers; the documents table''s search box and the Full-text search report use it.'),

-- reference data
('countries', '', 'table', 'States, territories and regions of 1919-1941, with their names and dates of existence.'),
('countries', 'key', 'column', 'Stable short name, e.g. turkey, ussr.'),
('countries', 'kind', 'column', 'state, republic, territory, region or city.'),
('country_states', '', 'table', 'Which state a place (region, territory or city) belonged to, from when to when: Bessarabia Romanian 1918-1940, Soviet from 1940.'),
('country_aliases', '', 'table', 'Every name, adjective and demonym a text may use for a country (Turkish, the Turks).'),
('persons', '', 'table', 'People named in the documents, with life dates and a short description.'),
('persons', 'key', 'column', 'Stable short name, e.g. molotov.'),
('person_aliases', '', 'table', 'Every spelling of a person''s name found in the translations.'),
('institutions', '', 'table', 'Bodies that send and receive documents (the NKID, embassies).'),
('institution_aliases', '', 'table', 'How documents name each institution.'),
('offices', '', 'table', 'Kinds of office (envoy, people''s commissar for foreign affairs), independent of holder and place.'),
('office_aliases', '', 'table', 'How headings word each office.'),
('positions', '', 'table', 'Terms of office: who held which office of which state, where, from when to when (at the precision known).'),
('positions', 'date_from', 'column', 'Start of the term, at the precision known (1939-05-03, 1939-05 or 1939).'),
('positions', 'date_to', 'column', 'End of the term; empty when it ran past 1941 or is unknown.'),

-- the user's and the seeder's own
('annotations', '', 'table', 'Your own notes on documents, keyed by source path and document number; a seed never touches them.'),
('seed_runs', '', 'table', 'When each seed ran, with which reference data, and what it made.'),
('refinery_schema_history', '', 'table', 'The schema migrations applied to this database, with their checksums.'),
('mention_years', '', 'table', 'Summary filled by the seeder: mentions and documents per year and person or country.'),
('mention_year_spellings', '', 'table', 'Summary filled by the seeder: mentions per year, person or country and spelling.'),
('co_mention_totals', '', 'table', 'Summary filled by the seeder: pairs of persons and countries named in the same document, with the documents naming both.'),
('name_candidate_years', '', 'table', 'Summary filled by the seeder: capitalised words of the bodies per year, for the Unresolved names report.'),
('lower_word_years', '', 'table', 'Summary filled by the seeder: lower-case words of the bodies per year, for the Unresolved names report.'),
('correspondence_totals', '', 'table', 'Summary filled by the seeder: who wrote to whom over all documents, for the Correspondence report.'),
('data_dictionary', '', 'table', 'What each table, view and important column holds: this list.'),

-- views
('document_overview', '', 'view', 'One line per document with date, kind, classification, authors, recipients and citation: the place to browse the collection, with facets by year, kind, classification, archive and author.'),
('document_overview', 'id', 'column', 'The document (documents.id).'),
('document_overview', 'source', 'column', 'The corpus file.'),
('document_overview', 'authors', 'column', 'Resolved authors, persons and institutions, separated by ;.'),
('document_overview', 'recipients', 'column', 'Resolved recipients and participants, separated by ;.'),
('document_overview', 'citation', 'column', 'Archival citations written out, e.g. AVP RF, f. 059, op. 1, p. 300, d. 2080, l. 121-123.'),
('document_overview', 'year', 'column', 'Year of date_from; empty for an undated document.'),
('document_overview', 'archives', 'column', 'The archives the document is cited from, as a JSON array.'),
('document_overview', 'author_names', 'column', 'The resolved authors as a JSON array.'),
('citation_strings', '', 'view', 'Each citation written out as AVP RF, f. 059, op. 24, p. 70, d. 43, l. 132-137.'),
('document_persons_named', '', 'view', 'Persons in documents by name, with role, position title and countries.'),
('mentions_named', '', 'view', 'Mentions with the person''s or country''s name, the field and the rule: one row per occurrence.'),
('mention_texts', '', 'view', 'For each mention, the text its offsets count in (heading, body, signature, "Sent to" line or footnote).'),
('unresolved_mentions_named', '', 'view', 'Unresolved mentions with their document''s date and their candidates'' keys.'),
('places_named', '', 'view', 'Places with the state they belonged to in each period.'),
('country_lineage', '', 'view', 'Each state with its predecessors and successors (RSFSR and USSR; Ottoman Empire, Ankara government, Republic of Turkey), with dates: what country parameters of reports take by default.'),
('document_places', '', 'view', 'Documents with the place they were written in, resolved to a place row (Angora = Ankara).'),
('positions_named', '', 'view', 'Terms of office with names instead of ids.'),
('annotations_documents', '', 'view', 'Your annotations joined to the documents they are about.');

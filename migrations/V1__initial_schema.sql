-- Why: the first schema of archdb. Sources, documents and everything parsed
-- from them; the curated reference data (countries, persons, offices,
-- positions, institutions) they are resolved against; mentions; warnings;
-- a full-text index; and the views a historian types most.
--
-- Conventions: plural table names, snake_case, `*_id` foreign keys,
-- ISO-8601 dates as TEXT, `key` columns hold the stable slugs of
-- seed/reference/*.csv. Rows that come from a corpus file are deleted with
-- it (ON DELETE CASCADE), so replacing one source replaces only its rows.

-- ---------------------------------------------------------------- reference

CREATE TABLE countries (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('state', 'republic', 'territory', 'region')),
    exists_from  TEXT,
    exists_to    TEXT,
    successor_id INTEGER REFERENCES countries (id),
    parent_id    INTEGER REFERENCES countries (id),
    note         TEXT
);

CREATE TABLE country_aliases (
    id         INTEGER PRIMARY KEY,
    country_id INTEGER NOT NULL REFERENCES countries (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    match      TEXT NOT NULL DEFAULT 'any_case' CHECK (match IN ('any_case', 'exact')),
    valid_from TEXT,
    valid_to   TEXT
);
CREATE INDEX country_aliases_country ON country_aliases (country_id);
CREATE INDEX country_aliases_alias ON country_aliases (alias COLLATE NOCASE);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    surname     TEXT NOT NULL,
    given_names TEXT,
    born        TEXT,
    died        TEXT,
    country_id  INTEGER REFERENCES countries (id),
    description TEXT,
    note        TEXT
);
CREATE INDEX persons_surname ON persons (surname);

CREATE TABLE person_aliases (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    match     TEXT NOT NULL DEFAULT 'exact' CHECK (match IN ('any_case', 'exact'))
);
CREATE INDEX person_aliases_person ON person_aliases (person_id);
CREATE INDEX person_aliases_alias ON person_aliases (alias);

CREATE TABLE institutions (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    country_id INTEGER REFERENCES countries (id),
    kind       TEXT NOT NULL,
    note       TEXT
);

CREATE TABLE institution_aliases (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    alias          TEXT NOT NULL
);
CREATE INDEX institution_aliases_institution ON institution_aliases (institution_id);

-- An office independent of holder and place: "envoy", "people's commissar
-- for foreign affairs". A single-holder office has one holder at a time per
-- (country, host country).
CREATE TABLE offices (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    single_holder INTEGER NOT NULL CHECK (single_holder IN (0, 1)),
    description   TEXT
);

CREATE TABLE office_aliases (
    id        INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL
);
CREATE INDEX office_aliases_office ON office_aliases (office_id);

-- A term of office. date_from/date_to keep the precision the fact is known
-- at (1939-05-03, 1939-05 or 1939): a year-only date means "some day that
-- year". The four day columns spell that out so a date compares with <=:
-- the term certainly covers day D when from_latest <= D <= to_earliest, and
-- possibly when from_earliest <= D <= to_latest. An open term (date_to NULL)
-- ran past 1941 or its end is unknown.
CREATE TABLE positions (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    office_id       INTEGER NOT NULL REFERENCES offices (id),
    title           TEXT NOT NULL,
    country_id      INTEGER NOT NULL REFERENCES countries (id),
    host_country_id INTEGER REFERENCES countries (id),
    date_from       TEXT,
    date_to         TEXT,
    from_earliest   TEXT,
    from_latest     TEXT,
    to_earliest     TEXT,
    to_latest       TEXT,
    note            TEXT
);
CREATE INDEX positions_person ON positions (person_id);
CREATE INDEX positions_office ON positions (office_id, country_id, host_country_id);

-- ---------------------------------------------------------------- corpus

-- One row per corpus file, with its exact bytes: nothing of the corpus is lost.
CREATE TABLE sources (
    id       INTEGER PRIMARY KEY,
    path     TEXT NOT NULL UNIQUE,
    format   TEXT NOT NULL CHECK (format IN ('text', 'html')),
    sha256   TEXT NOT NULL,
    bytes    INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    -- The page text the parser read (decoded; for HTML, the extracted text).
    -- Document raw_text and boilerplate slices are byte ranges of it.
    text     TEXT NOT NULL,
    content  BLOB NOT NULL
);

CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    source_id           INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    heading             TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('telegram', 'note', 'letter', 'conversation',
                                                      'diary', 'treaty', 'report', 'statement', 'other')),
    is_extract          INTEGER NOT NULL CHECK (is_extract IN (0, 1)),
    date_text           TEXT,
    date_from           TEXT,
    date_to             TEXT,
    date_precision      TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    doc_number          TEXT,
    place               TEXT,
    classification      TEXT CHECK (classification IN ('secret', 'top_secret', 'top_secret_special_folder')),
    classification_text TEXT,
    priority            TEXT CHECK (priority IN ('out_of_turn', 'immediately', 'urgent', 'highly_important')),
    priority_text       TEXT,
    distribution_text   TEXT,
    body                TEXT NOT NULL,
    signature           TEXT,
    print_note          TEXT,
    press_source        TEXT,
    raw_text            TEXT NOT NULL,
    raw_start           INTEGER NOT NULL,
    raw_end             INTEGER NOT NULL,
    start_line          INTEGER NOT NULL,
    end_line            INTEGER NOT NULL,
    body_line           INTEGER NOT NULL,
    UNIQUE (source_id, seq)
);
CREATE INDEX documents_date ON documents (date_from);
CREATE INDEX documents_kind ON documents (kind);

-- Page text that belongs to no document (site header and footer).
-- Ordered with the documents' raw_start it tiles sources.text exactly.
CREATE TABLE boilerplate (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    raw_start  INTEGER NOT NULL,
    raw_end    INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX boilerplate_source ON boilerplate (source_id);

CREATE TABLE citations (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    archive     TEXT NOT NULL,
    fond        TEXT,
    opis        TEXT,
    papka       TEXT,
    delo        TEXT,
    sheets      TEXT,
    as_printed  TEXT NOT NULL,
    line        INTEGER NOT NULL
);
CREATE INDEX citations_document ON citations (document_id);
CREATE INDEX citations_file ON citations (archive, fond, opis, delo);

-- Printed sources that are not archival (`Publ.: Foreign policy of the USSR ...`).
CREATE TABLE publications (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    as_printed  TEXT NOT NULL,
    line        INTEGER NOT NULL
);
CREATE INDEX publications_document ON publications (document_id);

CREATE TABLE footnotes (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    marker      TEXT NOT NULL,
    text        TEXT NOT NULL,
    line        INTEGER NOT NULL
);
CREATE INDEX footnotes_document ON footnotes (document_id);

-- Every party a heading or "Sent to" line names, as printed, with what it
-- resolved to (if anything). document_persons and document_institutions
-- hold the resolved ones; unresolved parties stay here and in warnings.
CREATE TABLE document_parties (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('author', 'recipient', 'participant', 'copy_recipient')),
    as_printed     TEXT NOT NULL,
    name_text      TEXT,
    position_text  TEXT,
    person_id      INTEGER REFERENCES persons (id),
    position_id    INTEGER REFERENCES positions (id),
    institution_id INTEGER REFERENCES institutions (id),
    line           INTEGER NOT NULL
);
CREATE INDEX document_parties_document ON document_parties (document_id);

CREATE TABLE document_persons (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    role        TEXT NOT NULL CHECK (role IN ('author', 'recipient', 'participant', 'copy_recipient')),
    position_id INTEGER REFERENCES positions (id),
    as_printed  TEXT NOT NULL
);
CREATE INDEX document_persons_document ON document_persons (document_id);
CREATE INDEX document_persons_person ON document_persons (person_id);

CREATE TABLE document_institutions (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    role           TEXT NOT NULL CHECK (role IN ('author', 'recipient', 'participant', 'copy_recipient')),
    as_printed     TEXT NOT NULL
);
CREATE INDEX document_institutions_document ON document_institutions (document_id);

-- A person or country named in a document body. Offsets count characters
-- of documents.body from 0: substr(body, char_start + 1, char_end - char_start) = surface.
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES persons (id),
    country_id  INTEGER REFERENCES countries (id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (country_id IS NULL)),
    CHECK (char_start >= 0 AND char_end > char_start)
);
CREATE INDEX mentions_document ON mentions (document_id);
CREATE INDEX mentions_person ON mentions (person_id);
CREATE INDEX mentions_country ON mentions (country_id);

-- Whatever the parser or resolver could not interpret, with file and line.
CREATE TABLE warnings (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER REFERENCES sources (id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents (id) ON DELETE CASCADE,
    line        INTEGER,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    expected    TEXT
);
CREATE INDEX warnings_source ON warnings (source_id);

-- One row per seed run: when, which reference data, what it made.
CREATE TABLE seed_runs (
    id                    INTEGER PRIMARY KEY,
    started_at            TEXT NOT NULL,
    finished_at           TEXT NOT NULL,
    archdb_version        TEXT NOT NULL,
    reference_fingerprint TEXT NOT NULL,
    files                 INTEGER NOT NULL,
    files_skipped         INTEGER NOT NULL,
    documents             INTEGER NOT NULL,
    mentions              INTEGER NOT NULL,
    warnings              INTEGER NOT NULL
);

-- The user's own notes on documents. archdb never writes or deletes these:
-- they are keyed by (source path, document seq), which survives a re-seed,
-- not by documents.id, which does not.
CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    source_path TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    author      TEXT,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX annotations_document ON annotations (source_path, seq);

-- ---------------------------------------------------------------- full text

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    heading, body,
    content = 'documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, heading, body) VALUES (new.id, new.heading, new.body);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF heading, body ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, heading, body) VALUES ('delete', old.id, old.heading, old.body);
    INSERT INTO documents_fts (rowid, heading, body) VALUES (new.id, new.heading, new.body);
END;

-- ---------------------------------------------------------------- views

-- "AVP RF, f. 059, op. 24, p. 70, d. 43, l. 132-137" from the fields.
CREATE VIEW citation_strings AS
SELECT c.id AS citation_id,
       c.document_id,
       c.archive
         || coalesce(', f. ' || c.fond, '')
         || coalesce(', op. ' || c.opis, '')
         || coalesce(', p. ' || c.papka, '')
         || coalesce(', d. ' || c.delo, '')
         || coalesce(', l. ' || c.sheets, '') AS citation
FROM citations c;

-- Who is in which document in which role, with the office they held then.
CREATE VIEW document_persons_named AS
SELECT dp.document_id,
       dp.role,
       p.key AS person_key,
       p.name AS person,
       pos.title AS position_title,
       pc.name AS position_country,
       ph.name AS position_host_country,
       dp.as_printed
FROM document_persons dp
JOIN persons p ON p.id = dp.person_id
LEFT JOIN positions pos ON pos.id = dp.position_id
LEFT JOIN countries pc ON pc.id = pos.country_id
LEFT JOIN countries ph ON ph.id = pos.host_country_id;

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
       (SELECT group_concat(cs.citation, '; ') FROM citation_strings cs WHERE cs.document_id = d.id) AS citation
FROM documents d
JOIN sources s ON s.id = d.source_id;

-- Mentions with the names spelled out: one row per occurrence.
CREATE VIEW mentions_named AS
SELECT m.id,
       m.document_id,
       d.date_from,
       CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE c.kind END AS entity_kind,
       coalesce(p.key, c.key) AS entity_key,
       coalesce(p.name, c.name) AS entity,
       m.surface,
       m.char_start,
       m.char_end
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN persons p ON p.id = m.person_id
LEFT JOIN countries c ON c.id = m.country_id;

-- Terms of office with names instead of ids.
CREATE VIEW positions_named AS
SELECT pos.id,
       p.key AS person_key,
       p.name AS person,
       o.key AS office_key,
       pos.title,
       c.name AS country,
       h.name AS host_country,
       pos.date_from,
       pos.date_to,
       pos.from_earliest,
       pos.from_latest,
       pos.to_earliest,
       pos.to_latest,
       pos.note
FROM positions pos
JOIN persons p ON p.id = pos.person_id
JOIN offices o ON o.id = pos.office_id
JOIN countries c ON c.id = pos.country_id
LEFT JOIN countries h ON h.id = pos.host_country_id;

-- The user's annotations joined to the documents they are about (if still present).
CREATE VIEW annotations_documents AS
SELECT a.id AS annotation_id, a.source_path, a.seq, d.id AS document_id, d.heading, a.author, a.note, a.created_at
FROM annotations a
LEFT JOIN sources s ON s.path = a.source_path
LEFT JOIN documents d ON d.source_id = s.id AND d.seq = a.seq;

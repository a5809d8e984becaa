-- Why: every shipped report runs with its defaults in well under a second on
-- 100,000 documents (issue 6). Indexes that let reports read narrow index
-- entries instead of documents rows (which carry whole bodies), and
-- summaries the seeder fills for the two reports that cannot be fast over
-- raw rows: co_mentions pairs every entity of every document (about 40
-- million pairs at 100,000 documents), unresolved_names cuts every body
-- into words.

-- archive_files lists files in (archive, fond, opis, papka, delo) order; with
-- papka in the index the first files come straight from it.
DROP INDEX citations_file;
CREATE INDEX citations_file ON citations (archive, fond, opis, papka, delo);

-- kind and classification beside the dates: classification_by_year and
-- overview count from the index alone. documents_date (date_from) is a
-- prefix of it and goes, so a seed builds one index fewer.
DROP INDEX documents_dates;
CREATE INDEX documents_dates ON documents (date_from, date_to, kind, classification);
DROP INDEX documents_date;

-- A document's dates by its id without reading its row: reports that count
-- documents per person, party or pair (correspondence, person) take the
-- first and last date from here (`INDEXED BY documents_id_dates`).
CREATE INDEX documents_id_dates ON documents (id, date_from, date_to);

-- Pairs of persons and countries named in the same document body, over all
-- documents (undated ones included): what co_mentions shows with no date
-- range. An entity is a country's id, or minus a person's id, as in the
-- report; entity1 < entity2. `documents` counts documents naming both;
-- first_date and last_date are the least and greatest date_from among them.
-- A full seed counts in memory as it writes; an incremental seed adjusts
-- the pairs of the documents it deleted and wrote (src/seed/summary.rs).
CREATE TABLE co_mention_totals (
    entity1    INTEGER NOT NULL,
    entity2    INTEGER NOT NULL,
    documents  INTEGER NOT NULL,
    first_date TEXT,
    last_date  TEXT,
    PRIMARY KEY (entity1, entity2),
    CHECK (entity1 < entity2)
) WITHOUT ROWID;

-- Capitalised words of document bodies per year (of documents.date_from;
-- NULL for undated documents), cut as the unresolved_names report cuts
-- them: what it counts for whole years instead of reading every body.
-- Every word of three characters or more starting with A-Z is here, alias
-- or not (the reference data can change without the words changing).
-- first_document_id is the least documents.id among the year's documents
-- that have the word.
CREATE TABLE name_candidate_years (
    year              TEXT,
    word              TEXT NOT NULL,
    occurrences       INTEGER NOT NULL,
    documents         INTEGER NOT NULL,
    first_date        TEXT,
    last_date         TEXT,
    first_document_id INTEGER NOT NULL
);
CREATE INDEX name_candidate_years_year ON name_candidate_years (year);

-- Lower-case words (no capital A-Z, a small letter a-z first, three
-- characters or more) per year: a candidate whose lower case occurs in the
-- years read is an ordinary word at the start of a sentence.
CREATE TABLE lower_word_years (
    year TEXT,
    word TEXT NOT NULL
);
CREATE INDEX lower_word_years_word ON lower_word_years (word, year);
CREATE INDEX lower_word_years_year ON lower_word_years (year);

-- Who wrote to whom over all documents: what the correspondence report
-- shows with no party and no date range, one row per (author, recipient,
-- role) as the report groups them. Grouping about 200,000 party pairs by
-- name took a quarter of a second at 100,000 documents; this table is
-- read in milliseconds. Every seed that changed any document refills it
-- (src/seed/summary.rs, `correspondence_totals`).
CREATE TABLE correspondence_totals (
    author         TEXT NOT NULL,
    author_kind    TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    recipient_kind TEXT NOT NULL,
    as_role        TEXT NOT NULL,
    documents      INTEGER NOT NULL,
    first_date     TEXT,
    last_date      TEXT
);
CREATE INDEX correspondence_totals_documents ON correspondence_totals (documents DESC);

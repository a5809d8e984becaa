-- Why: indexes the incremental seeder and the shipped reports need at 100,000
-- documents. Replacing one changed file deletes its documents, and ON DELETE
-- CASCADE then searches warnings by document_id: without an index that is
-- a scan of every warning per deleted document.
CREATE INDEX warnings_document ON warnings (document_id);

-- Reports that group by kind, classification or year read these indexes
-- instead of the documents table, whose rows carry whole bodies. date_to
-- beside date_from lets a date-range filter run on the index alone.
CREATE INDEX documents_classification ON documents (classification);
CREATE INDEX documents_dates ON documents (date_from, date_to);

-- Mention counts per year (of documents.date_from) and person or country,
-- filled by the seeder: counting 3.6 million mentions joined with their
-- documents takes seconds at 100,000 documents, summing these rows takes
-- milliseconds. `year` is NULL for undated documents. Each document has one
-- year, so `documents` adds up across years. A report over a date range can
-- sum the years wholly inside the range and count the documents of the
-- partial years from mentions (see benches/RESULTS.md).
CREATE TABLE mention_years (
    year       TEXT,
    person_id  INTEGER REFERENCES persons (id),
    country_id INTEGER REFERENCES countries (id),
    mentions   INTEGER NOT NULL,
    documents  INTEGER NOT NULL,
    first_date TEXT,
    last_date  TEXT,
    CHECK ((person_id IS NULL) <> (country_id IS NULL))
);
CREATE INDEX mention_years_year ON mention_years (year);

-- The spellings behind mention_years: how often each surface form named
-- the person or country in documents of that year.
CREATE TABLE mention_year_spellings (
    year       TEXT,
    person_id  INTEGER REFERENCES persons (id),
    country_id INTEGER REFERENCES countries (id),
    surface    TEXT NOT NULL,
    mentions   INTEGER NOT NULL,
    CHECK ((person_id IS NULL) <> (country_id IS NULL))
);
CREATE INDEX mention_year_spellings_year ON mention_year_spellings (year);

-- Which build of archdb ran the seed (version, executable size and
-- modification time). An incremental seed reuses earlier rows only when the
-- same build made them: another build may parse or resolve a file differently.
ALTER TABLE seed_runs ADD COLUMN build_fingerprint TEXT;

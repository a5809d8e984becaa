-- Why: documents name persons and countries outside their bodies too: in the
-- heading ("Telegram of the plenipotentiary representative of the USSR in
-- France"), the signature, the "Sent to" line and the footnotes (issue 11).
-- Mentions now say which text they are in, and their offsets count
-- characters of that text, so for every row
--   substr(<text of field>, char_start + 1, char_end - char_start) = surface
-- where the text is documents.heading, .body, .signature, .distribution_text
-- or footnotes.text (mention_texts below gives it). Existing rows were all
-- in the body, hence the default.
-- A name the resolver could not settle is no longer dropped: a capitalised
-- name after a title that matches no alias is an unresolved mention
-- (reason 'unknown'), and an alias several persons share that neither date,
-- initials, office nor context decides is one too (reason 'ambiguous'),
-- with its candidates.

ALTER TABLE mentions ADD COLUMN field TEXT NOT NULL DEFAULT 'body'
    CHECK (field IN ('heading', 'body', 'signature', 'distribution', 'footnote'));
-- The footnote a 'footnote' mention is in (NULL for every other field).
ALTER TABLE mentions ADD COLUMN footnote_id INTEGER REFERENCES footnotes (id) ON DELETE CASCADE;
-- Why the resolver chose this person among several sharing the alias: the
-- alias and the rule that decided (initials, title, another mention in the
-- document, office on the date, lifetime). NULL when the alias names one
-- entity only (the surface is then the reason), and for rows written before.
ALTER TABLE mentions ADD COLUMN rule TEXT;

CREATE TABLE unresolved_mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    field       TEXT NOT NULL
                CHECK (field IN ('heading', 'body', 'signature', 'distribution', 'footnote')),
    footnote_id INTEGER REFERENCES footnotes (id) ON DELETE CASCADE,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    -- 'unknown': a name after a title that no alias matches;
    -- 'ambiguous': an alias of several persons the evidence cannot decide.
    reason      TEXT NOT NULL CHECK (reason IN ('unknown', 'ambiguous')),
    -- The title that marked it as a name (`general`, `Mr.`), or why the
    -- candidates could not be told apart.
    note        TEXT,
    CHECK (char_start >= 0 AND char_end > char_start)
);
CREATE INDEX unresolved_mentions_document ON unresolved_mentions (document_id);
CREATE INDEX unresolved_mentions_surface ON unresolved_mentions (surface);

-- The persons (or countries) an ambiguous mention may mean.
CREATE TABLE mention_candidates (
    unresolved_mention_id INTEGER NOT NULL REFERENCES unresolved_mentions (id) ON DELETE CASCADE,
    person_id             INTEGER REFERENCES persons (id),
    country_id            INTEGER REFERENCES countries (id),
    CHECK ((person_id IS NULL) <> (country_id IS NULL))
);
CREATE INDEX mention_candidates_mention ON mention_candidates (unresolved_mention_id);

-- The text each mention's offsets count in.
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

-- Mentions with the names spelled out, now with the field and the rule.
DROP VIEW mentions_named;
CREATE VIEW mentions_named AS
SELECT m.id,
       m.document_id,
       d.date_from,
       CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE c.kind END AS entity_kind,
       coalesce(p.key, c.key) AS entity_key,
       coalesce(p.name, c.name) AS entity,
       m.surface,
       m.char_start,
       m.char_end,
       m.field,
       m.rule
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN persons p ON p.id = m.person_id
LEFT JOIN countries c ON c.id = m.country_id;

-- Unresolved mentions with their document's date and their candidates' keys.
CREATE VIEW unresolved_mentions_named AS
SELECT u.id,
       u.document_id,
       d.date_from,
       u.field,
       u.surface,
       u.reason,
       u.note,
       (SELECT group_concat(coalesce(p.key, c.key), ', ')
        FROM mention_candidates mc
        LEFT JOIN persons p ON p.id = mc.person_id
        LEFT JOIN countries c ON c.id = mc.country_id
        WHERE mc.unresolved_mention_id = u.id) AS candidates,
       u.char_start,
       u.char_end
FROM unresolved_mentions u
JOIN documents d ON d.id = u.document_id;

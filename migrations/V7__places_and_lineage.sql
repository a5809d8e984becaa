-- Why: issue 11, items 5 and 7. Places (cities, historical regions and
-- territories) with the state each belonged to at the time; a state's
-- lineage across its regimes (RSFSR -> USSR, Ottoman Empire -> Ankara
-- government -> Republic of Turkey); and the printed place of a document
-- mapped to a place row, so "documents written in Ankara" is one query.

-- `countries.kind` gains `city`. SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt with the same columns and rows. Foreign
-- keys stay on: they are deferred to the end of this transaction, and every
-- row that points at a country points at the same id again once the rows
-- are back. Dropping the table deletes the country_aliases rows
-- (ON DELETE CASCADE): they are copied aside first and put back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE v7_countries AS SELECT * FROM countries;
CREATE TABLE v7_country_aliases AS SELECT * FROM country_aliases;
DROP TABLE countries;
CREATE TABLE countries (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('state', 'republic', 'territory', 'region', 'city')),
    exists_from  TEXT,
    exists_to    TEXT,
    successor_id INTEGER REFERENCES countries (id),
    parent_id    INTEGER REFERENCES countries (id),
    note         TEXT
);
INSERT INTO countries (id, key, name, kind, exists_from, exists_to, successor_id, parent_id, note)
SELECT id, key, name, kind, exists_from, exists_to, successor_id, parent_id, note FROM v7_countries;
INSERT INTO country_aliases (id, country_id, alias, kind, match, valid_from, valid_to)
SELECT id, country_id, alias, kind, match, valid_from, valid_to FROM v7_country_aliases
WHERE id NOT IN (SELECT id FROM country_aliases);
DROP TABLE v7_countries;
DROP TABLE v7_country_aliases;

-- Which state a place belonged to, and when (seed/reference/country_states.csv):
-- Bessarabia to Romania until 27 June 1940 and to the USSR from 28 June.
-- Dates at the precision known; from_earliest and to_latest are the first
-- and last day they can mean (`1939` -> 1939-01-01 and 1939-12-31), for
-- comparing with a day. NULL: open (before 1919, or past 1941 / unknown).
CREATE TABLE country_states (
    id            INTEGER PRIMARY KEY,
    place_id      INTEGER NOT NULL REFERENCES countries (id),
    state_id      INTEGER NOT NULL REFERENCES countries (id),
    date_from     TEXT,
    date_to       TEXT,
    from_earliest TEXT,
    to_latest     TEXT,
    note          TEXT
);
CREATE INDEX country_states_place ON country_states (place_id);
CREATE INDEX country_states_state ON country_states (state_id);

-- Every place with the state it belonged to in each period. A state that
-- was never part of another has no row here; its own existence is
-- countries.exists_from/exists_to. Ask "Bessarabia on 1 January 1939" with
-- `WHERE place = 'Bessarabia' AND '1939-01-01' BETWEEN coalesce(from_earliest, '0000')
-- AND coalesce(to_latest, '9999')`.
CREATE VIEW places_named AS
SELECT p.key AS place_key,
       p.name AS place,
       p.kind,
       s.key AS state_key,
       s.name AS state,
       s.kind AS state_kind,
       cs.date_from,
       cs.date_to,
       cs.from_earliest,
       cs.to_latest,
       cs.note
FROM country_states cs
JOIN countries p ON p.id = cs.place_id
JOIN countries s ON s.id = cs.state_id;

-- A state's lineage: every regime linked to it through countries.successor_id,
-- forwards and backwards (the USSR: the RSFSR and the Far Eastern Republic;
-- the Republic of Turkey: the Ankara government and the Ottoman Empire).
-- Every country is a member of its own lineage (member_id = country_id).
CREATE VIEW country_lineage AS
WITH RECURSIVE
links (a, b) AS (
    SELECT id, successor_id FROM countries WHERE successor_id IS NOT NULL
    UNION
    SELECT successor_id, id FROM countries WHERE successor_id IS NOT NULL
),
reach (country_id, member_id) AS (
    SELECT id, id FROM countries
    UNION
    SELECT r.country_id, l.b FROM reach r JOIN links l ON l.a = r.member_id
)
SELECT r.country_id,
       c.key AS country_key,
       r.member_id,
       m.key AS member_key,
       m.name AS member_name,
       m.exists_from AS date_from,
       m.exists_to AS date_to
FROM reach r
JOIN countries c ON c.id = r.country_id
JOIN countries m ON m.id = r.member_id;

-- The place a document was written in, as printed (documents.place), mapped
-- to the place rows it names by name or alias (an alias only within its
-- valid_from/valid_to), with the state the place belonged to on the
-- document's date (NULL when the place is a state itself, or its state then
-- is not recorded).
CREATE INDEX documents_place ON documents (place COLLATE NOCASE) WHERE place IS NOT NULL;
CREATE VIEW document_places AS
SELECT DISTINCT
       d.id AS document_id,
       d.date_from,
       d.place AS as_printed,
       c.id AS place_id,
       c.key AS place_key,
       c.name AS place,
       c.kind,
       s.key AS state_key,
       s.name AS state
FROM (SELECT id AS place_id, name, NULL AS valid_from, NULL AS valid_to FROM countries
      UNION ALL
      SELECT country_id, alias, valid_from, valid_to FROM country_aliases) names
JOIN documents d
  ON d.place = names.name COLLATE NOCASE
 AND (names.valid_from IS NULL OR d.date_from IS NULL OR d.date_to >= names.valid_from)
 AND (names.valid_to IS NULL OR d.date_from IS NULL
      OR substr(d.date_from, 1, length(names.valid_to)) <= names.valid_to)
JOIN countries c ON c.id = names.place_id
LEFT JOIN country_states cs
  ON cs.place_id = c.id AND d.date_from IS NOT NULL
 AND d.date_from >= coalesce(cs.from_earliest, '0000-01-01')
 AND d.date_from <= coalesce(cs.to_latest, '9999-12-31')
LEFT JOIN countries s ON s.id = cs.state_id;

-- title: Timeline
-- description: Documents in date order (undated ones last) with kind, classification, authors and recipients,
-- description: filtered by any of: a country or a person (a party in the heading or named in the body),
-- description: a date range, a kind, a classification, the place it was written in. Every filter is optional.
-- description: A country counts with its whole lineage (its earlier and later regimes) unless lineage=0.
-- description: Shows the first 100 by default (limit=0 for all).
-- param: country | country | null | A country key, name or alias, e.g. turkey, Turkey or the Turks (default: any)
-- param: lineage | integer | 1 | 1: a country counts with its whole lineage (RSFSR and USSR; Ottoman Empire, Ankara government and Republic of Turkey); 0: only the regime named
-- param: person | person | null | A person key, name, surname or alias, e.g. molotov or Iden (default: any)
-- param: from | date | null | Earliest date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest date, YYYY-MM-DD (default: no bound)
-- param: kind | kind | null | telegram, note, letter, conversation, diary, treaty, report, statement or other
-- param: classification | classification | null | none, secret, top_secret or top_secret_special_folder
-- param: place | text | null | Only documents written in this place (as printed above the date): a place key, name or alias, e.g. ankara, Ankara or Angora (default: anywhere)
-- param: limit | integer | 100 | At most this many documents (0: all)
WITH args AS (
    -- nullif: Datasette binds '' for a parameter left empty; '' means "no filter".
    SELECT nullif(:country, '') AS country, nullif(:person, '') AS person,
           -- A negative LIMIT is no limit in SQLite.
           CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END AS max_rows
),
-- MATERIALIZED: each lookup runs once, not once per document.
named_countries AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE (c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE))
      -- A key names one regime: `turkey` is the Republic, although the alias Turkey also names the
      -- Ankara government and the Ottoman Empire (names and aliases may name several).
      AND (c.key = lower(args.country) OR NOT EXISTS (SELECT 1 FROM countries k WHERE k.key = lower(args.country)))
),
-- The named country and, unless lineage=0, every regime of its lineage (country_lineage).
wanted_countries AS MATERIALIZED (
    SELECT id FROM named_countries
    UNION
    SELECT l.member_id FROM country_lineage l
    WHERE coalesce(CAST(nullif(:lineage, '') AS INTEGER), 1) <> 0 AND l.country_id IN named_countries
),
wanted_persons AS MATERIALIZED (
    SELECT p.id FROM persons p JOIN args
    WHERE p.key = lower(args.person) OR p.name = args.person COLLATE NOCASE OR p.surname = args.person COLLATE NOCASE
       OR p.id IN (SELECT person_id FROM person_aliases WHERE alias = args.person COLLATE NOCASE)
),
-- The printed forms of the place asked for (its name and aliases), and the documents written there,
-- found through the index on documents.place.
wanted_places AS MATERIALIZED (
    SELECT c.id FROM countries c
    WHERE c.key = lower(nullif(:place, '')) OR c.name = nullif(:place, '') COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases WHERE alias = nullif(:place, '') COLLATE NOCASE)
),
place_documents AS MATERIALIZED (
    SELECT d.id FROM documents d
    WHERE d.place IS NOT NULL
      AND d.place COLLATE NOCASE IN (SELECT name FROM countries WHERE id IN wanted_places
                                     UNION SELECT alias FROM country_aliases WHERE country_id IN wanted_places)
),
-- The documents that pass the filters, as a view: NOT MATERIALIZED, so SQLite plans it inside each
-- of the two walks below. The filters use the parameters directly, not through args: a join with
-- args hid the index order from SQLite.
filtered AS NOT MATERIALIZED (
    SELECT d.id, d.date_from, s.path, d.seq
    FROM documents d JOIN sources s ON s.id = d.source_id
    WHERE (nullif(:from, '') IS NULL OR d.date_to >= :from)
      AND (nullif(:to, '') IS NULL OR d.date_from <= :to)
      AND (nullif(:kind, '') IS NULL OR d.kind = lower(:kind))
      AND (nullif(:classification, '') IS NULL OR coalesce(d.classification, 'none') = lower(:classification))
      AND (nullif(:place, '') IS NULL OR d.id IN place_documents)
      AND (nullif(:country, '') IS NULL
           OR EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id AND m.country_id IN wanted_countries)
           OR EXISTS (SELECT 1 FROM document_persons dp JOIN positions pos ON pos.id = dp.position_id
                      WHERE dp.document_id = d.id
                        AND (pos.country_id IN wanted_countries OR pos.host_country_id IN wanted_countries)))
      AND (nullif(:person, '') IS NULL
           OR EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id AND m.person_id IN wanted_persons)
           OR EXISTS (SELECT 1 FROM document_persons dp WHERE dp.document_id = d.id AND dp.person_id IN wanted_persons))
),
-- The documents to show are chosen first, walking the date index (dated ones, then undated ones)
-- until the limit is reached; only they get their authors and recipients looked up.
picked AS MATERIALIZED (
    SELECT * FROM (
        SELECT * FROM filtered WHERE date_from IS NOT NULL
        ORDER BY date_from, path, seq
        LIMIT (SELECT max_rows FROM args))
    UNION ALL
    SELECT * FROM (
        SELECT * FROM filtered WHERE date_from IS NULL
        ORDER BY path, seq
        LIMIT (SELECT max_rows FROM args))
)
SELECT o.id,
       o.date_from AS date,
       o.kind,
       o.classification,
       o.authors,
       o.recipients,
       o.heading
FROM picked p
JOIN document_overview o ON o.id = p.id
ORDER BY p.date_from IS NULL, p.date_from, p.path, p.seq
LIMIT (SELECT max_rows FROM args);

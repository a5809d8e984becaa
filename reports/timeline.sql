-- title: Timeline
-- description: Documents in date order (undated ones last) with kind, classification, authors and recipients,
-- description: filtered by any of: a country or a person (a party in the heading or named in the body),
-- description: a date range, a kind, a classification. Every filter is optional.
-- param: country | text | null | A country key, name or alias, e.g. turkey, Turkey or the Turks (default: any)
-- param: person | text | null | A person key, name, surname or alias, e.g. molotov or Iden (default: any)
-- param: from | date | null | Earliest date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest date, YYYY-MM-DD (default: no bound)
-- param: kind | text | null | telegram, note, letter, conversation, diary, treaty, report, statement or other
-- param: classification | text | null | none, secret, top_secret or top_secret_special_folder
WITH args AS (
    -- nullif: Datasette binds '' for a parameter left empty; '' means "no filter".
    SELECT nullif(:country, '') AS country, nullif(:person, '') AS person,
           nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           lower(nullif(:kind, '')) AS kind, lower(nullif(:classification, '')) AS classification
),
-- MATERIALIZED: each lookup runs once, not once per document.
wanted_countries AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE)
),
wanted_persons AS MATERIALIZED (
    SELECT p.id FROM persons p JOIN args
    WHERE p.key = lower(args.person) OR p.name = args.person COLLATE NOCASE OR p.surname = args.person COLLATE NOCASE
       OR p.id IN (SELECT person_id FROM person_aliases WHERE alias = args.person COLLATE NOCASE)
)
SELECT o.id,
       o.date_from AS date,
       o.kind,
       o.classification,
       o.authors,
       o.recipients,
       o.heading
FROM document_overview o
JOIN args
WHERE (args.date_min IS NULL OR o.date_to >= args.date_min)
  AND (args.date_max IS NULL OR o.date_from <= args.date_max)
  AND (args.kind IS NULL OR o.kind = args.kind)
  AND (args.classification IS NULL OR coalesce(o.classification, 'none') = args.classification)
  AND (args.country IS NULL
       OR EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = o.id AND m.country_id IN wanted_countries)
       OR EXISTS (SELECT 1 FROM document_persons dp JOIN positions pos ON pos.id = dp.position_id
                  WHERE dp.document_id = o.id
                    AND (pos.country_id IN wanted_countries OR pos.host_country_id IN wanted_countries)))
  AND (args.person IS NULL
       OR EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = o.id AND m.person_id IN wanted_persons)
       OR EXISTS (SELECT 1 FROM document_persons dp WHERE dp.document_id = o.id AND dp.person_id IN wanted_persons))
ORDER BY o.date_from IS NULL, o.date_from, o.source, o.seq;

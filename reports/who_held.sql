-- title: Who held an office
-- description: Who held an office of a state, in a host country, on a date, by the reference data's terms of
-- description: office (a term known only to the month or year counts for the whole month or year, so two holders
-- description: can show up around a handover). The default asks who was the Soviet envoy in Turkey on 1 January 1939.
-- param: office | text | envoy | Office key or wording, e.g. envoy, plenipotentiary representative, foreign_minister
-- param: country | text | ussr | Whose office: a country key, name or alias, e.g. ussr or Great Britain
-- param: host | text | turkey | Where it was held: a country key, name or alias; none for offices at home; any for anywhere
-- param: date | date | 1939-01-01 | The day, YYYY-MM-DD
WITH args AS (
    -- Defaults repeated because Datasette binds '' for an empty parameter. The office text is compared with
    -- the typewriter apostrophe: the corpus writes peopleʹs with U+02B9.
    SELECT replace(lower(coalesce(nullif(:office, ''), 'envoy')), 'ʹ', '''') AS office,
           coalesce(nullif(:country, ''), 'ussr') AS country,
           coalesce(nullif(:host, ''), 'turkey') AS host,
           coalesce(nullif(:date, ''), '1939-01-01') AS day
),
-- MATERIALIZED: each lookup runs once, not once per position row.
wanted_offices AS MATERIALIZED (
    SELECT o.id FROM offices o JOIN args
    WHERE o.key = args.office OR replace(lower(o.title), 'ʹ', '''') = args.office
       OR o.id IN (SELECT office_id FROM office_aliases WHERE replace(lower(alias), 'ʹ', '''') = args.office)
),
wanted_countries AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE)
),
wanted_hosts AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE c.key = lower(args.host) OR c.name = args.host COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.host COLLATE NOCASE OR 'the ' || alias = args.host COLLATE NOCASE)
)
SELECT p.name AS person,
       pos.title,
       c.name AS of_country,
       h.name AS in_country,
       pos.date_from,
       pos.date_to,
       pos.note
FROM positions pos
JOIN args
JOIN persons p ON p.id = pos.person_id
JOIN countries c ON c.id = pos.country_id
LEFT JOIN countries h ON h.id = pos.host_country_id
WHERE pos.office_id IN wanted_offices
  AND pos.country_id IN wanted_countries
  AND (lower(args.host) = 'any'
       OR (lower(args.host) = 'none' AND pos.host_country_id IS NULL)
       OR pos.host_country_id IN wanted_hosts)
  AND args.day >= coalesce(pos.from_earliest, '0000-01-01')
  AND args.day <= coalesce(pos.to_latest, '9999-12-31')
ORDER BY pos.from_earliest, p.name;

-- title: Who held an office
-- description: Who held an office of a state, in a host country, on a date, by the reference data's terms of
-- description: office. A date known only to the month or year means some day in it: `certain` is 1 when the dates
-- description: prove the term covers the day, 0 when they only allow it (so two holders can show up around a
-- description: handover; the certain one comes first). A predecessor state counts when the state asked for did not
-- description: exist yet or the predecessor was gone (the RSFSR's NKID in early 1923, the Ankara government before
-- description: the Republic of Turkey), and only when no term of the state itself fits. The default asks who was
-- description: the Soviet envoy in Turkey on 1 January 1939.
-- param: office | office | envoy | Office key or wording, e.g. envoy, plenipotentiary representative, foreign_minister
-- param: country | country | ussr | Whose office: a country key, name or alias, e.g. ussr or Great Britain
-- param: host | country(none, any) | turkey | Where it was held: a country key, name or alias; none for offices at home; any for anywhere
-- param: date | date | 1939-01-01 | The day, YYYY-MM-DD
-- param: lineage | integer | 1 | 1: a predecessor regime counts as described above; 0: only the regimes named (the USSR's own terms, not the RSFSR's)
WITH RECURSIVE args AS (
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
named_countries AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE)
),
named_hosts AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE c.key = lower(args.host) OR c.name = args.host COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.host COLLATE NOCASE OR 'the ' || alias = args.host COLLATE NOCASE)
),
-- Each named state (whose office, and where) with its predecessors: the
-- countries whose successor_id leads to it.
lines (side, id, named_id, depth) AS (
    SELECT 'country', id, id, 0 FROM named_countries
    UNION
    SELECT 'host', id, id, 0 FROM named_hosts
    UNION
    SELECT l.side, p.id, l.named_id, l.depth + 1 FROM countries p JOIN lines l ON p.successor_id = l.id
    WHERE l.depth < 16 AND coalesce(CAST(nullif(:lineage, '') AS INTEGER), 1) <> 0
),
-- A predecessor is usable on the day when it was certainly gone by then, or
-- the named state certainly did not exist yet (reduced dates widened).
usable AS MATERIALIZED (
    SELECT l.side, l.id, max(l.depth > 0) AS via_predecessor
    FROM lines l JOIN countries p ON p.id = l.id JOIN countries s ON s.id = l.named_id JOIN args
    WHERE l.depth = 0
       OR CASE length(p.exists_to) WHEN 4 THEN p.exists_to || '-12-31' WHEN 7 THEN p.exists_to || '-31'
                                   ELSE p.exists_to END < args.day
       OR CASE length(s.exists_from) WHEN 4 THEN s.exists_from || '-01-01' WHEN 7 THEN s.exists_from || '-01'
                                     ELSE s.exists_from END > args.day
    GROUP BY l.side, l.id
),
candidates AS MATERIALIZED (
    SELECT pos.*,
           uc.via_predecessor OR coalesce(uh.via_predecessor, 0) AS via_predecessor,
           (coalesce(pos.from_latest, '0000-01-01') <= args.day
            AND args.day <= coalesce(pos.to_earliest, '9999-12-31')) AS certain
    FROM positions pos
    JOIN args
    JOIN usable uc ON uc.side = 'country' AND uc.id = pos.country_id
    LEFT JOIN usable uh ON uh.side = 'host' AND uh.id = pos.host_country_id
    WHERE pos.office_id IN wanted_offices
      AND (lower(args.host) = 'any'
           OR (lower(args.host) = 'none' AND pos.host_country_id IS NULL)
           OR uh.id IS NOT NULL)
      AND args.day >= coalesce(pos.from_earliest, '0000-01-01')
      AND args.day <= coalesce(pos.to_latest, '9999-12-31')
)
SELECT p.name AS person,
       p.key AS person_key,
       cand.title,
       c.name AS of_country,
       h.name AS in_country,
       cand.date_from,
       cand.date_to,
       cand.certain,
       cand.note
FROM candidates cand
JOIN persons p ON p.id = cand.person_id
JOIN countries c ON c.id = cand.country_id
LEFT JOIN countries h ON h.id = cand.host_country_id
WHERE NOT cand.via_predecessor OR NOT EXISTS (SELECT 1 FROM candidates x WHERE NOT x.via_predecessor)
ORDER BY cand.certain DESC, cand.from_earliest, p.name;

-- title: Offices held on a date
-- description: Everyone the reference data has in office on the given day: the office, whose state it is,
-- description: where it was held, and the term's dates as known. A year- or month-only date means some day in that
-- description: period: `certain` is 1 when the dates prove the term covers the day, 0 when it only may.
-- description: A country counts with its whole lineage (its earlier and later regimes) unless lineage=0.
-- param: date | date | 1940-12-27 | The day (YYYY-MM-DD)
-- param: country | country | null | Only offices of this state or held in it (key, name or alias, e.g. turkey, Turkey or the Turks)
-- param: lineage | integer | 1 | 1: a country counts with its whole lineage (RSFSR and USSR; Ottoman Empire, Ankara government and Republic of Turkey); 0: only the regime named
WITH args AS (
    -- The defaults are repeated here because Datasette binds '' for an empty parameter.
    SELECT coalesce(nullif(:date, ''), '1940-12-27') AS day, nullif(:country, '') AS country
),
named AS MATERIALIZED (  -- once, not per position row
    SELECT c.id FROM countries c JOIN args
    WHERE (c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE))
      -- A key names one regime: `turkey` is the Republic, although the alias Turkey also names the
      -- Ankara government and the Ottoman Empire (names and aliases may name several).
      AND (c.key = lower(args.country) OR NOT EXISTS (SELECT 1 FROM countries k WHERE k.key = lower(args.country)))
),
-- The named country and, unless lineage=0, every regime of its lineage (country_lineage).
wanted AS MATERIALIZED (
    SELECT id FROM named
    UNION
    SELECT l.member_id FROM country_lineage l
    WHERE coalesce(CAST(nullif(:lineage, '') AS INTEGER), 1) <> 0 AND l.country_id IN named
)
SELECT p.name AS person,
       pos.title,
       c.name AS of_country,
       h.name AS in_country,
       pos.date_from,
       pos.date_to,
       (coalesce(pos.from_latest, '0000-01-01') <= args.day AND args.day <= coalesce(pos.to_earliest, '9999-12-31')) AS certain,
       pos.note
FROM positions pos
JOIN args
JOIN persons p ON p.id = pos.person_id
JOIN countries c ON c.id = pos.country_id
LEFT JOIN countries h ON h.id = pos.host_country_id
WHERE args.day >= coalesce(pos.from_earliest, '0000-01-01')
  AND args.day <= coalesce(pos.to_latest, '9999-12-31')
  AND (args.country IS NULL OR pos.country_id IN wanted OR pos.host_country_id IN wanted)
ORDER BY c.name, h.name, pos.title, p.name;

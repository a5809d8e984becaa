-- title: Countries by year
-- description: For each year, how many documents name each country or region and how many times in all;
-- description: optionally for one country. Undated documents are counted under "(undated)", last. Read from the
-- description: per-year summary the seeder fills (mention_years), so it is fast on any corpus size. A country
-- description: comes with its lineage (country_lineage: its earlier and later regimes, one row each) unless lineage=0.
-- chart: line x=year y=documents series=country top=8 unit=documents_naming_the_country
-- param: country | country | null | A country key, name or alias, e.g. germany (default: all)
-- param: lineage | integer | 1 | 1: a country counts with its whole lineage (RSFSR and USSR; Ottoman Empire, Ankara government and Republic of Turkey); 0: only the regime named
WITH args AS (SELECT nullif(:country, '') AS country),
named AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE args.country IS NULL
       OR ((c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
            OR c.id IN (SELECT country_id FROM country_aliases
                        WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE))
           -- A key names one regime: `turkey` is the Republic, although the alias Turkey also names the
           -- Ankara government and the Ottoman Empire (names and aliases may name several).
           AND (c.key = lower(args.country) OR NOT EXISTS (SELECT 1 FROM countries k WHERE k.key = lower(args.country))))
),
-- The named country and, unless lineage=0, every regime of its lineage.
wanted AS MATERIALIZED (
    SELECT id FROM named
    UNION
    SELECT l.member_id FROM country_lineage l
    WHERE coalesce(CAST(nullif(:lineage, '') AS INTEGER), 1) <> 0 AND l.country_id IN named
)
SELECT coalesce(y.year, '(undated)') AS year,
       c.name AS country,
       y.documents,
       y.mentions
FROM mention_years y
JOIN countries c ON c.id = y.country_id
WHERE y.country_id IN wanted
ORDER BY y.year IS NULL, y.year, y.mentions DESC, country;

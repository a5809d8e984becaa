-- title: Countries by year
-- description: For each year, how many documents name each country or region and how many times in all;
-- description: optionally for one country. Undated documents are counted under "(undated)", last. Read from the
-- description: per-year summary the seeder fills (mention_years), so it is fast on any corpus size.
-- chart: line x=year y=documents series=country top=8 unit=documents_naming_the_country
-- param: country | text | null | A country key, name or alias, e.g. germany (default: all)
WITH args AS (SELECT nullif(:country, '') AS country),
wanted AS MATERIALIZED (
    SELECT c.id FROM countries c JOIN args
    WHERE args.country IS NULL
       OR c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE)
)
SELECT coalesce(y.year, '(undated)') AS year,
       c.name AS country,
       y.documents,
       y.mentions
FROM mention_years y
JOIN countries c ON c.id = y.country_id
WHERE y.country_id IN wanted
ORDER BY y.year IS NULL, y.year, y.mentions DESC, country;

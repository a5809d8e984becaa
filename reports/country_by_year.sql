-- title: Countries by year
-- description: For each year, how many documents name each country or region and how many times in all;
-- description: optionally for one country. Undated documents are counted under "(undated)", last. Reads every
-- description: country mention (about 8 s on 100 000 documents), so it allows itself 60 s.
-- param: country | text | null | A country key, name or alias, e.g. germany (default: all)
-- timeout: 60
WITH args AS (SELECT nullif(:country, '') AS country),
wanted AS MATERIALIZED (  -- once, not per mention row
    SELECT c.id FROM countries c JOIN args
    WHERE args.country IS NULL
       OR c.key = lower(args.country) OR c.name = args.country COLLATE NOCASE
       OR c.id IN (SELECT country_id FROM country_aliases
                  WHERE alias = args.country COLLATE NOCASE OR 'the ' || alias = args.country COLLATE NOCASE)
)
SELECT coalesce(substr(d.date_from, 1, 4), '(undated)') AS year,
       c.name AS country,
       count(DISTINCT m.document_id) AS documents,
       count(*) AS mentions
FROM mentions m
JOIN countries c ON c.id = m.country_id
JOIN documents d ON d.id = m.document_id
WHERE m.country_id IN wanted
GROUP BY year, c.id
ORDER BY year = '(undated)', year, mentions DESC, country;

-- title: Named together
-- description: Pairs of countries and persons named in the same document body, by the number of documents
-- description: that name both, with the first and last date; optionally within a date range, for one kind
-- description: of pair, or only pairs involving one person or country.
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: kind | text | null | person (two persons), country (two countries) or mixed (a person and a country); default: all pairs
-- param: entity | text | null | Only pairs with this person or country (key or name, e.g. turkey or Molotov)
-- param: limit | integer | 50 | At most this many pairs
WITH args AS (
    SELECT nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           lower(nullif(:kind, '')) AS kind, nullif(:entity, '') AS entity,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 50) AS max_rows
),
named AS (
    -- One row per (document, entity): a pair counts documents, not occurrences.
    SELECT DISTINCT m.document_id,
           d.date_from,
           CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE 'country' END AS kind,
           coalesce(p.key, c.key) AS key,
           coalesce(p.name, c.name) AS name
    FROM mentions m
    JOIN documents d ON d.id = m.document_id
    JOIN args
    LEFT JOIN persons p ON p.id = m.person_id
    LEFT JOIN countries c ON c.id = m.country_id
    WHERE (args.date_min IS NULL OR d.date_to >= args.date_min)
      AND (args.date_max IS NULL OR d.date_from <= args.date_max)
)
SELECT a.name AS first,
       a.kind AS first_kind,
       b.name AS second,
       b.kind AS second_kind,
       count(*) AS documents,
       min(a.date_from) AS first_date,
       max(a.date_from) AS last_date
FROM named a
JOIN named b ON b.document_id = a.document_id AND (a.kind, a.key) < (b.kind, b.key)
JOIN args
WHERE (args.kind IS NULL
       OR (args.kind = 'person' AND a.kind = 'person' AND b.kind = 'person')
       OR (args.kind = 'country' AND a.kind = 'country' AND b.kind = 'country')
       OR (args.kind = 'mixed' AND a.kind <> b.kind))
  AND (args.entity IS NULL
       OR lower(args.entity) IN (a.key, b.key, lower(a.name), lower(b.name)))
GROUP BY a.kind, a.key, b.kind, b.key
ORDER BY documents DESC, first COLLATE NOCASE, second COLLATE NOCASE
LIMIT (SELECT max_rows FROM args);

-- title: Named together
-- description: Pairs of countries and persons named in the same document body, by the number of documents
-- description: that name both, with the first and last date; optionally within a date range, for one kind
-- description: of pair, or only pairs involving one person or country. Without a date range the pairs come from
-- description: the totals the seeder fills (co_mention_totals), so it is fast on any corpus size; a date range
-- description: pairs every entity of every document in it (about 9 s on 20 000 documents), so it allows itself 120 s.
-- chart: hbar x=first,second y=documents top=15 unit=documents_naming_both
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: kind | one_of(person, country, mixed) | null | person (two persons), country (two countries) or mixed (a person and a country); default: all pairs
-- param: entity | entity | null | Only pairs with this person or country (key or name, e.g. turkey or Molotov)
-- param: lineage | integer | 1 | 1: a country counts with its whole lineage (RSFSR and USSR; Ottoman Empire, Ankara government and Republic of Turkey); 0: only the regime named
-- param: limit | integer | 50 | At most this many pairs
-- param: min_documents | integer | null | Only pairs named together in at least this many documents (default: every pair)
-- timeout: 120
WITH args AS (
    SELECT nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           lower(nullif(:kind, '')) AS kind, nullif(:entity, '') AS entity,
           coalesce(CAST(nullif(:limit, '') AS INTEGER), 50) AS max_rows,
           coalesce(CAST(nullif(:min_documents, '') AS INTEGER), 1) AS min_documents
),
-- With a date range: one row per (document, entity) in it, a pair counts documents, not occurrences.
-- Entities are integers (countries positive, persons negative) so that pairing and grouping millions of
-- rows compares numbers, not names; names are looked up only for the pairs that are shown. The first
-- condition uses the parameters directly, so SQLite tests it once and skips the scan without a range.
named AS MATERIALIZED (
    SELECT DISTINCT m.document_id,
           d.date_from,
           CASE WHEN m.person_id IS NOT NULL THEN -m.person_id ELSE m.country_id END AS eid
    FROM mentions m
    JOIN documents d ON d.id = m.document_id
    JOIN args
    WHERE (nullif(:from, '') IS NOT NULL OR nullif(:to, '') IS NOT NULL)
      AND (args.date_min IS NULL OR d.date_to >= args.date_min)
      AND (args.date_max IS NULL OR d.date_from <= args.date_max)
),
wanted AS MATERIALIZED (
    SELECT -p.id AS eid FROM persons p JOIN args
    WHERE lower(args.entity) IN (p.key, lower(p.name), lower(p.surname))
    UNION ALL
    SELECT c.id FROM countries c JOIN args
    WHERE lower(args.entity) IN (c.key, lower(c.name))
    UNION ALL
    -- A country's lineage (country_lineage) unless lineage=0.
    SELECT l.member_id FROM countries c JOIN args JOIN country_lineage l ON l.country_id = c.id
    WHERE lower(args.entity) IN (c.key, lower(c.name)) AND l.member_id <> c.id
      AND coalesce(CAST(nullif(:lineage, '') AS INTEGER), 1) <> 0
),
counted AS (
    SELECT a.eid AS e1, b.eid AS e2, count(*) AS documents,
           min(a.date_from) AS first_date, max(a.date_from) AS last_date
    FROM named a
    JOIN named b ON b.document_id = a.document_id AND b.eid > a.eid
    GROUP BY a.eid, b.eid
    UNION ALL
    -- Without a date range: the seeder's totals.
    SELECT entity1, entity2, documents, first_date, last_date
    FROM co_mention_totals
    WHERE nullif(:from, '') IS NULL AND nullif(:to, '') IS NULL
),
pairs AS MATERIALIZED (
    SELECT counted.*
    FROM counted
    JOIN args
    WHERE (args.kind IS NULL
           OR (args.kind = 'person' AND e2 < 0)
           OR (args.kind = 'country' AND e1 > 0)
           OR (args.kind = 'mixed' AND e1 < 0 AND e2 > 0))
      AND (args.entity IS NULL OR e1 IN wanted OR e2 IN wanted)
      AND counted.documents >= args.min_documents
),
-- Only pairs that can make the list get names: those with at least as many documents as the
-- max_rows-th most frequent pair (ties on the count are ordered by name below).
shown AS (
    SELECT pairs.* FROM pairs JOIN args
    WHERE args.max_rows <= 0
       OR pairs.documents >= coalesce((SELECT documents FROM pairs ORDER BY documents DESC
                                       LIMIT 1 OFFSET (SELECT max_rows - 1 FROM args)), 0)
),
labelled AS (
    SELECT shown.*,
           coalesce(p1.name, c1.name) AS n1, CASE WHEN e1 < 0 THEN 'person' ELSE 'country' END AS k1,
           coalesce(p2.name, c2.name) AS n2, CASE WHEN e2 < 0 THEN 'person' ELSE 'country' END AS k2
    FROM shown
    LEFT JOIN persons p1 ON e1 < 0 AND p1.id = -e1
    LEFT JOIN countries c1 ON e1 > 0 AND c1.id = e1
    LEFT JOIN persons p2 ON e2 < 0 AND p2.id = -e2
    LEFT JOIN countries c2 ON e2 > 0 AND c2.id = e2
),
-- A country comes before a person; two of a kind in alphabetical order.
ordered AS (
    SELECT CASE WHEN (k1, lower(n1)) <= (k2, lower(n2)) THEN n1 ELSE n2 END AS first,
           CASE WHEN (k1, lower(n1)) <= (k2, lower(n2)) THEN k1 ELSE k2 END AS first_kind,
           CASE WHEN (k1, lower(n1)) <= (k2, lower(n2)) THEN n2 ELSE n1 END AS second,
           CASE WHEN (k1, lower(n1)) <= (k2, lower(n2)) THEN k2 ELSE k1 END AS second_kind,
           documents, first_date, last_date
    FROM labelled
)
SELECT first, first_kind, second, second_kind, documents, first_date, last_date
FROM ordered
ORDER BY documents DESC, first COLLATE NOCASE, second COLLATE NOCASE
LIMIT (SELECT max_rows FROM args);

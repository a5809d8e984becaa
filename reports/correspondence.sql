-- title: Correspondence
-- description: Who wrote to whom: each author and recipient (persons and institutions, and parties the
-- description: reference data does not know yet, marked unresolved), with the number of documents and the first
-- description: and last date. Copy recipients ("Sent to" lines) are included unless copies=0. Shows the 100 most
-- description: frequent pairs by default (limit=0 for all). Without a party or dates it reads the totals the
-- description: seeder keeps (correspondence_totals).
-- chart: hbar x=author,recipient y=documents series=as_role top=15 directed
-- param: party | text | null | Only pairs where either side's key or name contains this text, e.g. molotov or NKID
-- param: from | date | null | Earliest document date, YYYY-MM-DD (default: no bound)
-- param: to | date | null | Latest document date, YYYY-MM-DD (default: no bound)
-- param: copies | integer | 1 | 1 to include copy recipients, 0 for addressees only
-- param: limit | integer | 100 | At most this many pairs (0: all)
-- param: min_documents | integer | null | Only pairs with at least this many documents (default: every pair)
WITH args AS (
    SELECT lower(nullif(:party, '')) AS party, nullif(:from, '') AS date_min, nullif(:to, '') AS date_max,
           coalesce(CAST(nullif(:copies, '') AS INTEGER), 1) AS copies,
           coalesce(CAST(nullif(:min_documents, '') AS INTEGER), 1) AS min_documents,
           -- A negative LIMIT is no limit in SQLite.
           CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 100) ELSE -1 END AS max_rows
),
parties AS (
    SELECT dp.document_id,
           dp.role,
           coalesce(p.name, i.name, dp.name_text, dp.as_printed) AS name,
           coalesce(p.key, i.key, '') AS key,
           CASE WHEN p.id IS NOT NULL THEN 'person' WHEN i.id IS NOT NULL THEN 'institution' ELSE 'unresolved' END AS kind
    FROM document_parties dp
    LEFT JOIN persons p ON p.id = dp.person_id
    LEFT JOIN institutions i ON i.id = dp.institution_id
),
-- No party and no dates: the seed-time totals, grouped exactly like the query below.
totals AS (
    SELECT t.author, t.author_kind, t.recipient, t.recipient_kind, t.as_role, t.documents, t.first_date, t.last_date
    FROM correspondence_totals t
    JOIN args
    WHERE args.party IS NULL AND args.date_min IS NULL AND args.date_max IS NULL
      AND (t.as_role = 'recipient' OR args.copies <> 0)
      AND t.documents >= args.min_documents
),
counted AS (
    SELECT a.name AS author,
           a.kind AS author_kind,
           r.name AS recipient,
           r.kind AS recipient_kind,
           r.role AS as_role,
           count(DISTINCT d.id) AS documents,
           min(d.date_from) AS first_date,
           max(d.date_to) AS last_date
    FROM args
    JOIN parties a
    JOIN parties r ON r.document_id = a.document_id AND r.role IN ('recipient', 'copy_recipient')
    -- The dates come from the (id, date_from, date_to) index (V3), not from the documents rows, which carry
    -- whole bodies.
    JOIN documents d INDEXED BY documents_id_dates ON d.id = a.document_id
    WHERE NOT (args.party IS NULL AND args.date_min IS NULL AND args.date_max IS NULL)
      AND a.role = 'author'
      AND (r.role = 'recipient' OR args.copies <> 0)
      AND (args.date_min IS NULL OR d.date_to >= args.date_min)
      AND (args.date_max IS NULL OR d.date_from <= args.date_max)
      AND (args.party IS NULL
           OR instr(a.key, args.party) > 0 OR instr(lower(a.name), args.party) > 0
           OR instr(r.key, args.party) > 0 OR instr(lower(r.name), args.party) > 0)
    GROUP BY a.kind, a.name, r.kind, r.name, r.role
    HAVING count(DISTINCT d.id) >= (SELECT min_documents FROM args)
)
SELECT * FROM totals
UNION ALL
SELECT * FROM counted
ORDER BY documents DESC, first_date, author, recipient, as_role
LIMIT (SELECT max_rows FROM args);

-- title: Who wrote, received and attended each document
-- description: The persons and institutions in each document's heading and "Sent to" line, with their role
-- description: and the office they held on the document's date; optionally for one role only. Shows the first
-- description: 200 rows by default (limit=0 for all).
-- param: role | role | null | author, recipient, participant or copy_recipient (default: all)
-- param: limit | integer | 200 | At most this many rows (0: all)
WITH args AS (
    -- A negative LIMIT is no limit in SQLite.
    SELECT CASE WHEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) > 0
                THEN coalesce(CAST(nullif(:limit, '') AS INTEGER), 200) ELSE -1 END AS max_rows
),
-- The rows to show are chosen first, walking the date index (dated documents, then undated ones)
-- until the limit is reached (CROSS JOIN keeps SQLite on that index rather than scanning every party);
-- only they get their names and offices looked up. The role filter uses
-- the parameter directly, not through args: a join with args hid the index order from SQLite.
picked AS MATERIALIZED (
    SELECT * FROM (
        SELECT d.id AS document_id, d.date_from, dp.id AS party_id,
               CASE dp.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2 WHEN 'participant' THEN 3 ELSE 4 END AS role_order
        FROM documents d CROSS JOIN document_parties dp ON dp.document_id = d.id
        WHERE d.date_from IS NOT NULL AND (nullif(:role, '') IS NULL OR dp.role = lower(:role))
        ORDER BY d.date_from, d.id, role_order, dp.id
        LIMIT (SELECT max_rows FROM args))
    UNION ALL
    SELECT * FROM (
        SELECT d.id, d.date_from, dp.id,
               CASE dp.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2 WHEN 'participant' THEN 3 ELSE 4 END
        FROM documents d CROSS JOIN document_parties dp ON dp.document_id = d.id
        WHERE d.date_from IS NULL AND (nullif(:role, '') IS NULL OR dp.role = lower(:role))
        ORDER BY d.id, 4, dp.id
        LIMIT (SELECT max_rows FROM args))
)
SELECT k.document_id,
       k.date_from AS date,
       dp.role,
       coalesce(p.name, i.name, '(unresolved)') AS party,
       pos.title AS position,
       pc.name AS of_country,
       ph.name AS in_country,
       dp.as_printed
FROM picked k
JOIN document_parties dp ON dp.id = k.party_id
LEFT JOIN persons p ON p.id = dp.person_id
LEFT JOIN institutions i ON i.id = dp.institution_id
LEFT JOIN positions pos ON pos.id = dp.position_id
LEFT JOIN countries pc ON pc.id = pos.country_id
LEFT JOIN countries ph ON ph.id = pos.host_country_id
ORDER BY k.date_from IS NULL, k.date_from, k.document_id, k.role_order, k.party_id
LIMIT (SELECT max_rows FROM args);

-- title: Who wrote, received and attended each document
-- description: The persons and institutions in each document's heading and "Sent to" line, with their role
-- description: and the office they held on the document's date; optionally for one role only.
-- param: role | text | null | author, recipient, participant or copy_recipient (default: all)
SELECT d.id AS document_id,
       d.date_from AS date,
       dp.role,
       coalesce(p.name, i.name, '(unresolved)') AS party,
       pos.title AS position,
       pc.name AS of_country,
       ph.name AS in_country,
       dp.as_printed
FROM document_parties dp
JOIN documents d ON d.id = dp.document_id
LEFT JOIN persons p ON p.id = dp.person_id
LEFT JOIN institutions i ON i.id = dp.institution_id
LEFT JOIN positions pos ON pos.id = dp.position_id
LEFT JOIN countries pc ON pc.id = pos.country_id
LEFT JOIN countries ph ON ph.id = pos.host_country_id
WHERE nullif(:role, '') IS NULL OR dp.role = lower(:role)
ORDER BY d.date_from IS NULL, d.date_from, d.id,
         CASE dp.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2 WHEN 'participant' THEN 3 ELSE 4 END,
         dp.id;

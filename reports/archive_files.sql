-- title: Archive files
-- description: Documents grouped by archival file (archive, fond, opis, papka, delo), with the sheets cited
-- description: and the date range covered; optionally for one archive only.
-- param: archive | text | null | Only this archive, e.g. AVP RF (default: all)
SELECT c.archive,
       c.fond,
       c.opis,
       c.papka,
       c.delo,
       count(DISTINCT c.document_id) AS documents,
       group_concat(DISTINCT c.sheets) AS sheets,
       min(d.date_from) AS first_date,
       max(d.date_to) AS last_date
FROM citations c
JOIN documents d ON d.id = c.document_id
-- nullif: Datasette passes '' for a parameter left empty; '' means "no filter" like NULL.
WHERE nullif(:archive, '') IS NULL OR c.archive = :archive COLLATE NOCASE
GROUP BY c.archive, c.fond, c.opis, c.papka, c.delo
ORDER BY c.archive, c.fond, c.opis, c.papka, c.delo;

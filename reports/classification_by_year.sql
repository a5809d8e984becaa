-- title: Classification by year
-- description: For each year, how many documents carry no classification, secret, top secret and top secret
-- description: "special folder", and the share classified at all; optionally one kind of document only.
-- chart: bar x=year y=unclassified,secret,top_secret,special_folder stack unit=documents
-- param: kind | kind | null | telegram, note, letter, conversation, diary, treaty, report, statement or other (default: all)
SELECT coalesce(substr(date_from, 1, 4), '(undated)') AS year,
       count(*) AS documents,
       count(*) - count(classification) AS unclassified,
       count(CASE WHEN classification = 'secret' THEN 1 END) AS secret,
       count(CASE WHEN classification = 'top_secret' THEN 1 END) AS top_secret,
       count(CASE WHEN classification = 'top_secret_special_folder' THEN 1 END) AS special_folder,
       round(100.0 * count(classification) / count(*), 1) AS classified_pct
FROM documents
WHERE nullif(:kind, '') IS NULL OR kind = lower(:kind)
GROUP BY year
ORDER BY year = '(undated)', year;

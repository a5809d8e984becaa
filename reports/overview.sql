-- title: Overview of the collection
-- description: How many documents there are by kind, by classification and by year, in one table
-- description: (dimension, value, documents), most frequent first within each dimension.
-- chart: bar x=value y=documents only=dimension:year
SELECT dimension, value, documents
FROM (
    SELECT 'kind' AS dimension, kind AS value, count(*) AS documents, 1 AS block
    FROM documents GROUP BY kind
    UNION ALL
    SELECT 'classification', coalesce(classification, '(none)'), count(*), 2
    FROM documents GROUP BY classification
    UNION ALL
    SELECT 'year', coalesce(substr(date_from, 1, 4), '(undated)'), count(*), 3
    FROM documents GROUP BY substr(date_from, 1, 4)
)
ORDER BY block, CASE WHEN dimension = 'year' THEN value END, documents DESC, value;

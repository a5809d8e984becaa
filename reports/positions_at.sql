-- title: Offices held on a date
-- description: Everyone the reference data has in office on the given day: the office, whose state it is,
-- description: where it was held, and the term's dates as known. A year- or month-only date means some day in that
-- description: period: `certain` is 1 when the dates prove the term covers the day, 0 when it only may.
-- param: date | date | 1940-12-27 | The day (YYYY-MM-DD)
-- param: country | text | null | Only offices of this state or held in it (name or key, e.g. Turkey or turkey)
SELECT p.name AS person,
       pos.title,
       c.name AS of_country,
       h.name AS in_country,
       pos.date_from,
       pos.date_to,
       (coalesce(pos.from_latest, '0000-01-01') <= :date AND :date <= coalesce(pos.to_earliest, '9999-12-31')) AS certain,
       pos.note
FROM positions pos
JOIN persons p ON p.id = pos.person_id
JOIN countries c ON c.id = pos.country_id
LEFT JOIN countries h ON h.id = pos.host_country_id
WHERE :date >= coalesce(pos.from_earliest, '0000-01-01')
  AND :date <= coalesce(pos.to_latest, '9999-12-31')
  AND (:country IS NULL
       OR lower(:country) IN (lower(c.name), c.key, lower(h.name), h.key))
ORDER BY c.name, h.name, pos.title, p.name;

-- The SQLite migration's cleaning in PostgreSQL's terms, with the Unicode composition (NFC) that
-- SQLite cannot do in SQL. The folded searchName has no accents, so only its spaces change.

UPDATE "User" SET "fullName" = normalize(btrim(regexp_replace(regexp_replace("fullName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC), "searchName" = btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'))
WHERE "fullName" <> normalize(btrim(regexp_replace(regexp_replace("fullName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC) OR "searchName" <> btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'));

UPDATE "RosterEntry" SET "name" = normalize(btrim(regexp_replace(regexp_replace("name", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC), "searchName" = btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'))
WHERE "name" <> normalize(btrim(regexp_replace(regexp_replace("name", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC) OR "searchName" <> btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'));

UPDATE "Organisation" SET "name" = normalize(btrim(regexp_replace(regexp_replace("name", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC), "searchName" = btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'))
WHERE "name" <> normalize(btrim(regexp_replace(regexp_replace("name", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g')), NFC) OR "searchName" <> btrim(regexp_replace(regexp_replace("searchName", E'[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]', '', 'g'), E'[\\s\\u00A0]+', ' ', 'g'));

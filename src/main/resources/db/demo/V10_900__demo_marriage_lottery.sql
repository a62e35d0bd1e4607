-- Demo lottery day (dev and test only): 江阴市婚姻登记处 draws its first weekday ten or more days
-- after the database was created (良辰吉日), registration open from an hour ago for two days, the
-- draw an hour after registration closes, 24 hours to confirm. The seed is secret until the draw;
-- its SHA-256 is public from now on.
INSERT INTO marriage_special_day (id, office_id, day, name, extra_capacity, opens_closed,
                                  extended_until, mode, registration_opens, registration_closes,
                                  draw_at, confirm_hours, seed, seed_sha256)
SELECT '6a000000-0000-4000-8000-0000000010a1', '6a000000-0000-4000-8000-000000000002', d.day,
       '良辰吉日（摇号）', 5, false, NULL, 'LOTTERY', date_trunc('minute', now()) - interval '1 hour',
       date_trunc('minute', now()) + interval '2 days', date_trunc('minute', now()) + interval '2 days 1 hour', 24, s.seed,
       encode(sha256(convert_to(s.seed, 'UTF8')), 'hex')
FROM (SELECT min(g)::date AS day
      FROM generate_series(current_date + 10, current_date + 16, interval '1 day') AS g
      WHERE extract(isodow FROM g) < 6) AS d,
     (SELECT md5(random()::text) || md5(random()::text) AS seed) AS s
ON CONFLICT (office_id, day) DO NOTHING;

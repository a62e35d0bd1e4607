-- Demo registry offices (dev and test only), their weekly pattern, the 2026 special days and one
-- registry clerk per office (password clerk-dev-123). Slots are materialised by SlotJob at start.
INSERT INTO marriage_office (id, name, region_code, region_path, address, latitude, longitude, phone, hours, services, release_days, created_at) VALUES
    ('6a000000-0000-4000-8000-000000000001', '宿迁市宿城区婚姻登记处', '321302', '/320000/321300/321302/',
     '宿迁市宿城区洪泽湖路 118 号区民政局一楼', 33.963232, 118.296893, '0527-84369520',
     '周一至周五 9:00-11:30，13:30-16:30（法定节假日休息，调休上班日正常办公）',
     '{MARRIAGE,DIVORCE_APPLICATION,DIVORCE_CERTIFICATE,REISSUE,CEREMONY}', 7, now()),
    ('6a000000-0000-4000-8000-000000000002', '江阴市婚姻登记处', '320281', '/320000/320200/320281/',
     '江阴市澄江街道澄江中路 159 号市民服务中心二楼', 31.910984, 120.284950, '0510-86832520',
     '周一至周五 9:00-11:30，13:30-16:30', '{MARRIAGE,DIVORCE_APPLICATION,DIVORCE_CERTIFICATE,REISSUE,CEREMONY}', 7, now()),
    ('6a000000-0000-4000-8000-000000000003', '芜湖市鸠江区婚姻登记处', '340207', '/340000/340200/340207/',
     '芜湖市鸠江区官陡街道鸠兹大道 1 号区政务服务中心三楼', 31.370523, 118.391735, '0553-5841520',
     '周一至周五 9:00-11:30，13:30-16:30', '{MARRIAGE,DIVORCE_APPLICATION,DIVORCE_CERTIFICATE,REISSUE}', 7, now()),
    ('6a000000-0000-4000-8000-000000000004', '临沂市兰山区婚姻登记处', '371302', '/370000/371300/371302/',
     '临沂市兰山区金雀山路 18 号区民政局院内', 35.052250, 118.340767, '0539-8213520',
     '周一至周五 9:00-11:30，13:30-16:30（全市通办，可办电子证照）', '{MARRIAGE,DIVORCE_APPLICATION,DIVORCE_CERTIFICATE,REISSUE,CEREMONY}', 7, now()),
    ('6a000000-0000-4000-8000-000000000005', '德州市德城区婚姻登记处', '371402', '/370000/371400/371402/',
     '德州市德城区新湖街道东风中路 1366 号', 37.435090, 116.359380, '0534-2321520',
     '周一至周五 9:00-11:30，13:30-16:30', '{MARRIAGE,DIVORCE_APPLICATION,DIVORCE_CERTIFICATE,REISSUE}', 7, now());

-- Monday to Friday, the same pattern in every office (ceremonies only where offered).
INSERT INTO marriage_slot_template (id, office_id, weekday, start_time, end_time, service, capacity)
SELECT gen_random_uuid(), o.id, w.d, t.start_time, t.end_time, t.service, t.capacity
FROM marriage_office o
CROSS JOIN generate_series(1, 5) AS w(d)
CROSS JOIN (VALUES
    (TIME '09:00', TIME '10:00', 'MARRIAGE', 10),
    (TIME '10:00', TIME '11:00', 'MARRIAGE', 10),
    (TIME '11:00', TIME '11:30', 'MARRIAGE', 5),
    (TIME '13:30', TIME '14:30', 'MARRIAGE', 10),
    (TIME '14:30', TIME '15:30', 'MARRIAGE', 10),
    (TIME '15:30', TIME '16:30', 'MARRIAGE', 8),
    (TIME '09:00', TIME '11:30', 'DIVORCE_APPLICATION', 6),
    (TIME '13:30', TIME '16:30', 'DIVORCE_APPLICATION', 6),
    (TIME '09:00', TIME '11:30', 'DIVORCE_CERTIFICATE', 4),
    (TIME '13:30', TIME '16:30', 'DIVORCE_CERTIFICATE', 4),
    (TIME '09:00', TIME '11:30', 'REISSUE', 4),
    (TIME '13:30', TIME '16:30', 'REISSUE', 4),
    (TIME '10:00', TIME '10:30', 'CEREMONY', 2),
    (TIME '15:00', TIME '15:30', 'CEREMONY', 2)
) AS t(start_time, end_time, service, capacity)
WHERE t.service = ANY (o.services);


-- 2026 special days: 2.14 (a Saturday and a make-up workday), 5.20 (Wednesday, extended to
-- 17:30), 5.21, 七夕 (the 7th day of the 7th lunar month: 2026-08-19), 10.10 (Saturday, make-up
-- workday); 2027-02-14 falls on a Sunday: offices open for it (为爱加班).
INSERT INTO marriage_special_day (id, office_id, day, name, extra_capacity, opens_closed, extended_until)
SELECT gen_random_uuid(), o.id, s.day, s.name, s.extra, s.opens, s.until
FROM marriage_office o
CROSS JOIN (VALUES
    (DATE '2026-02-14', '情人节', 5, false, NULL::time),
    (DATE '2026-05-20', '520 我爱你', 10, false, TIME '17:30'),
    (DATE '2026-05-21', '521 我爱你', 5, false, NULL::time),
    (DATE '2026-08-19', '七夕', 8, false, TIME '17:30'),
    (DATE '2026-10-10', '十全十美', 5, false, NULL::time),
    (DATE '2027-02-14', '情人节（为爱加班）', 5, true, NULL::time)
) AS s(day, name, extra, opens, until);

INSERT INTO staff (id, username, password_hash, display_name, role, offices, created_at) VALUES
    ('00000000-0000-0000-0000-00000000e001', 'sucheng.hydj', '$2a$10$H/.uTOCOOG.PJFqQn0BmXeE8ZvJ6y6mexuJuhjJKXbUC2TebZCjAe', '宿城区婚姻登记处 张丽', 'registry_clerk', '{6a000000-0000-4000-8000-000000000001}', now()),
    ('00000000-0000-0000-0000-00000000e002', 'jiangyin.hydj', '$2a$10$H/.uTOCOOG.PJFqQn0BmXeE8ZvJ6y6mexuJuhjJKXbUC2TebZCjAe', '江阴市婚姻登记处 顾晓燕', 'registry_clerk', '{6a000000-0000-4000-8000-000000000002}', now()),
    ('00000000-0000-0000-0000-00000000e003', 'jiujiang.hydj', '$2a$10$H/.uTOCOOG.PJFqQn0BmXeE8ZvJ6y6mexuJuhjJKXbUC2TebZCjAe', '鸠江区婚姻登记处 汪洋', 'registry_clerk', '{6a000000-0000-4000-8000-000000000003}', now()),
    ('00000000-0000-0000-0000-00000000e004', 'lanshan.hydj', '$2a$10$H/.uTOCOOG.PJFqQn0BmXeE8ZvJ6y6mexuJuhjJKXbUC2TebZCjAe', '兰山区婚姻登记处 王珂', 'registry_clerk', '{6a000000-0000-4000-8000-000000000004}', now()),
    ('00000000-0000-0000-0000-00000000e005', 'decheng.hydj', '$2a$10$H/.uTOCOOG.PJFqQn0BmXeE8ZvJ6y6mexuJuhjJKXbUC2TebZCjAe', '德城区婚姻登记处 刘涛', 'registry_clerk', '{6a000000-0000-4000-8000-000000000005}', now());

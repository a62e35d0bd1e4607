-- Demo staff for dev and test (passwords in README, dev only): one admin and caseworkers of the
-- civil-affairs departments of 宿城区 (宿迁) and 鸠江区 (芜湖).
INSERT INTO staff (id, username, password_hash, display_name, role, departments, regions, created_at) VALUES
    ('00000000-0000-0000-0000-00000000a001', 'admin', '$2a$10$QtkGIy1zXUBGkgoCJ9SfOO9Gbw893x5akFASnlJg8twZCZp2Z77NK', '系统管理员', 'admin', '{}', '{}', now()),
    ('00000000-0000-0000-0000-00000000c001', 'sucheng.mz', '$2a$10$5UyT5SE2.E3L.sVQ/GiN3uPRjPl0mMafUIwLl/DN2BZ1Vi3FxiJHi', '宿城区民政局 王敏', 'caseworker', '{CIVIL_AFFAIRS}', '{321302}', now()),
    ('00000000-0000-0000-0000-00000000c002', 'jiujiang.mz', '$2a$10$5UyT5SE2.E3L.sVQ/GiN3uPRjPl0mMafUIwLl/DN2BZ1Vi3FxiJHi', '鸠江区民政局 李强', 'caseworker', '{CIVIL_AFFAIRS}', '{340207}', now()),
    ('00000000-0000-0000-0000-00000000c003', 'xingfu.mz', '$2a$10$5UyT5SE2.E3L.sVQ/GiN3uPRjPl0mMafUIwLl/DN2BZ1Vi3FxiJHi', '幸福街道民政办 陈静', 'caseworker', '{CIVIL_AFFAIRS}', '{321302001}', now());

-- Citizens, staff, sessions, family proxies and the PII access log.
-- Personal data (name, ID number, phone) is stored only encrypted ("keyId:base64"), found by a
-- keyed hash (blind index), and shown masked; the masked forms are kept for lists.

CREATE TABLE citizen (
    id                uuid         PRIMARY KEY,
    mp_openid         varchar(64)  UNIQUE,
    app_openid        varchar(64)  UNIQUE,
    unionid           varchar(64)  UNIQUE,
    real_name_enc     text,
    real_name_masked  varchar(64),
    id_number_enc     text,
    id_number_hash    varchar(64)  UNIQUE,
    id_number_masked  varchar(18),
    phone_enc         text,
    phone_masked      varchar(16),
    birth_date        date,
    sex               varchar(6)   CHECK (sex IN ('MALE', 'FEMALE')),
    verified_at       timestamptz,
    -- created by a caseworker for someone without a phone (代办), no WeChat identity yet
    offline           boolean      NOT NULL DEFAULT false,
    created_at        timestamptz  NOT NULL
);

CREATE TABLE staff (
    id               uuid         PRIMARY KEY,
    username         varchar(64)  NOT NULL UNIQUE,
    password_hash    varchar(100) NOT NULL,
    display_name     varchar(64)  NOT NULL,
    role             varchar(32)  NOT NULL CHECK (role IN ('caseworker', 'registry_clerk', 'canteen_operator', 'admin')),
    -- scopes: department codes and region codes (caseworker), office ids (clerk), canteen ids (operator)
    departments      varchar(32)[] NOT NULL DEFAULT '{}',
    regions          varchar(12)[] NOT NULL DEFAULT '{}',
    offices          varchar(64)[] NOT NULL DEFAULT '{}',
    canteens         varchar(64)[] NOT NULL DEFAULT '{}',
    failed_logins    integer      NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    created_at       timestamptz  NOT NULL
);

-- Opaque refresh tokens, stored as SHA-256; one family per login, rotated on every use.
CREATE TABLE refresh_token (
    id            uuid        PRIMARY KEY,
    family_id     uuid        NOT NULL,
    subject_kind  varchar(8)  NOT NULL CHECK (subject_kind IN ('CITIZEN', 'STAFF')),
    subject_id    uuid        NOT NULL,
    token_hash    varchar(64) NOT NULL UNIQUE,
    issued_at     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    rotated_at    timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

-- A citizen acting for another (代办 / 代订), with the scopes the subject granted.
CREATE TABLE proxy (
    id              uuid         PRIMARY KEY,
    actor_id        uuid         NOT NULL REFERENCES citizen (id),
    subject_id      uuid         NOT NULL REFERENCES citizen (id),
    relation        varchar(16)  NOT NULL,
    scopes          varchar(32)[] NOT NULL DEFAULT '{}',
    status          varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'ENDED', 'REJECTED')),
    -- township where a caseworker can verify it in person, for subjects without a phone
    region_code     varchar(12)  REFERENCES region (code),
    requested_at    timestamptz  NOT NULL,
    activated_at    timestamptz,
    verified_by     uuid         REFERENCES staff (id),
    ended_at        timestamptz,
    ended_by        uuid,
    CHECK (actor_id <> subject_id)
);
CREATE INDEX proxy_actor_idx ON proxy (actor_id);
CREATE INDEX proxy_subject_idx ON proxy (subject_id);
-- at most one open (pending or active) relation per actor and subject
CREATE UNIQUE INDEX proxy_open_pair_idx ON proxy (actor_id, subject_id) WHERE status IN ('PENDING', 'ACTIVE');

-- Every staff read of a citizen's personal data (PIPL right to know).
CREATE TABLE pii_access_log (
    id          uuid         PRIMARY KEY,
    citizen_id  uuid         NOT NULL REFERENCES citizen (id),
    staff_id    uuid         NOT NULL REFERENCES staff (id),
    staff_role  varchar(32)  NOT NULL,
    staff_unit  varchar(128) NOT NULL,
    purpose     varchar(200) NOT NULL,
    fields      varchar(200) NOT NULL,
    accessed_at timestamptz  NOT NULL
);
CREATE INDEX pii_access_log_citizen_idx ON pii_access_log (citizen_id, accessed_at DESC);

-- Actions one citizen took for another through a proxy; the subject sees them.
CREATE TABLE proxy_action (
    id          uuid         PRIMARY KEY,
    actor_id    uuid         NOT NULL REFERENCES citizen (id),
    subject_id  uuid         NOT NULL REFERENCES citizen (id),
    action      varchar(64)  NOT NULL,
    reference   varchar(128),
    acted_at    timestamptz  NOT NULL
);
CREATE INDEX proxy_action_subject_idx ON proxy_action (subject_id, acted_at DESC);

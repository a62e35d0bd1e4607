-- Marriage registration appointments: registry offices, slot templates, special days, the
-- materialised slots that hold the capacity, appointments, and divorce applications (冷静期).

CREATE TABLE marriage_office (
    id              uuid          PRIMARY KEY,
    name            varchar(64)   NOT NULL,
    region_code     varchar(12)   NOT NULL REFERENCES region (code),
    -- copy of region.path, for "offices under this region" as a prefix match
    region_path     varchar(128)  NOT NULL,
    address         varchar(200)  NOT NULL,
    latitude        double precision NOT NULL,
    longitude       double precision NOT NULL,
    phone           varchar(32)   NOT NULL,
    hours           varchar(200)  NOT NULL,
    services        varchar(32)[] NOT NULL,
    -- slots open for booking at 00:00 (Asia/Shanghai) this many days before their date
    release_days    integer       NOT NULL CHECK (release_days BETWEEN 1 AND 120),
    created_at      timestamptz   NOT NULL
);
CREATE INDEX marriage_office_region_idx ON marriage_office (region_path varchar_pattern_ops);

-- Weekly pattern: on this ISO weekday (1 = Monday), this window, this service, this many places.
CREATE TABLE marriage_slot_template (
    id          uuid        PRIMARY KEY,
    office_id   uuid        NOT NULL REFERENCES marriage_office (id),
    weekday     integer     NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time  time        NOT NULL,
    end_time    time        NOT NULL CHECK (end_time > start_time),
    service     varchar(32) NOT NULL,
    capacity    integer     NOT NULL CHECK (capacity > 0)
);
CREATE INDEX marriage_slot_template_office_idx ON marriage_slot_template (office_id);

-- 5.20, 七夕, 2.14, 10.10 …: extra places per slot, hours extended, or a closed day opened.
CREATE TABLE marriage_special_day (
    id              uuid        PRIMARY KEY,
    office_id       uuid        NOT NULL REFERENCES marriage_office (id),
    day             date        NOT NULL,
    name            varchar(32) NOT NULL,
    extra_capacity  integer     NOT NULL DEFAULT 0 CHECK (extra_capacity >= 0),
    opens_closed    boolean     NOT NULL DEFAULT false,
    extended_until  time,
    UNIQUE (office_id, day)
);

-- One bookable window. booked <= capacity is guarded by the conditional UPDATE that takes a
-- place and, as a last line, by this CHECK.
CREATE TABLE marriage_slot (
    id          uuid        PRIMARY KEY,
    office_id   uuid        NOT NULL REFERENCES marriage_office (id),
    day         date        NOT NULL,
    start_time  time        NOT NULL,
    end_time    time        NOT NULL,
    service     varchar(32) NOT NULL,
    capacity    integer     NOT NULL CHECK (capacity >= 0),
    booked      integer     NOT NULL DEFAULT 0,
    special     varchar(32),
    CONSTRAINT marriage_slot_not_overbooked CHECK (booked >= 0 AND booked <= capacity),
    UNIQUE (office_id, day, service, start_time)
);

CREATE TABLE marriage_appointment (
    id                   uuid         PRIMARY KEY,
    office_id            uuid         NOT NULL REFERENCES marriage_office (id),
    slot_id              uuid         NOT NULL REFERENCES marriage_slot (id),
    day                  date         NOT NULL,
    service              varchar(32)  NOT NULL,
    applicant_id         uuid         NOT NULL REFERENCES citizen (id),
    applicant_id_hash    varchar(64)     NOT NULL,
    partner_citizen_id   uuid         REFERENCES citizen (id),
    partner_name_enc     text,
    partner_name_masked  varchar(64),
    partner_id_enc       text,
    partner_id_hash      varchar(64),
    partner_id_masked    varchar(18),
    status               varchar(16)  NOT NULL
        CHECK (status IN ('BOOKED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW')),
    created_at           timestamptz  NOT NULL,
    cancelled_at         timestamptz,
    checked_in_at        timestamptz,
    checked_in_by        uuid,
    no_show_at           timestamptz
);
CREATE INDEX marriage_appointment_applicant_idx ON marriage_appointment (applicant_id, day);
CREATE INDEX marriage_appointment_partner_idx ON marriage_appointment (partner_citizen_id, day);
CREATE INDEX marriage_appointment_slot_idx ON marriage_appointment (slot_id);
CREATE INDEX marriage_appointment_roster_idx ON marriage_appointment (office_id, day);
CREATE INDEX marriage_appointment_active_a_idx ON marriage_appointment (applicant_id_hash, service) WHERE status = 'BOOKED';
CREATE INDEX marriage_appointment_active_p_idx ON marriage_appointment (partner_id_hash, service) WHERE status = 'BOOKED';

-- A divorce application filed at the counter (check-in of a DIVORCE_APPLICATION appointment).
-- Civil Code art. 1077: 30 days to withdraw, then 30 days to collect the certificate, else lapsed.
CREATE TABLE marriage_divorce_application (
    id                uuid        PRIMARY KEY,
    appointment_id    uuid        NOT NULL UNIQUE REFERENCES marriage_appointment (id),
    -- both spouses' blind indexes, sorted, joined: the couple, whoever books
    couple_key        varchar(129)   NOT NULL,
    spouse_a_id       uuid        REFERENCES citizen (id),
    spouse_b_id       uuid        REFERENCES citizen (id),
    filed_on          date        NOT NULL,
    status            varchar(16) NOT NULL CHECK (status IN ('FILED', 'WITHDRAWN', 'LAPSED', 'COMPLETED')),
    withdrawn_at      timestamptz,
    withdrawn_by      uuid,
    completed_at      timestamptz
);
CREATE INDEX marriage_divorce_couple_idx ON marriage_divorce_application (couple_key, status);

-- Lottery for peak days (摇号): a special day in LOTTERY mode takes entries during a registration
-- window, is drawn once at its draw time from a seed committed to in advance (its SHA-256 is public
-- before the draw, the seed itself after), winners hold a place until the confirm deadline and
-- the rest join each slot's waitlist in draw order.

ALTER TABLE marriage_special_day
    ADD COLUMN mode                varchar(16) NOT NULL DEFAULT 'FIRST_COME'
        CHECK (mode IN ('FIRST_COME', 'LOTTERY')),
    ADD COLUMN registration_opens  timestamptz,
    ADD COLUMN registration_closes timestamptz,
    ADD COLUMN draw_at             timestamptz,
    ADD COLUMN confirm_hours       integer CHECK (confirm_hours BETWEEN 1 AND 168),
    -- 64 hex characters of SecureRandom, chosen when the day becomes a lottery; secret until drawn
    ADD COLUMN seed                varchar(64),
    ADD COLUMN seed_sha256         varchar(64),
    ADD COLUMN drawn_at            timestamptz,
    ADD COLUMN entry_count         integer,
    ADD CONSTRAINT marriage_special_day_lottery_complete CHECK (mode = 'FIRST_COME' OR (
        registration_opens IS NOT NULL AND registration_closes > registration_opens
        AND draw_at >= registration_closes AND confirm_hours IS NOT NULL
        AND seed IS NOT NULL AND seed_sha256 IS NOT NULL));
CREATE INDEX marriage_special_day_draw_idx ON marriage_special_day (draw_at)
    WHERE mode = 'LOTTERY' AND drawn_at IS NULL;

-- The slots of an undrawn lottery day carry its window, so booking refuses them without a lookup.
ALTER TABLE marriage_slot
    ADD COLUMN lottery_opens   timestamptz,
    ADD COLUMN lottery_closes  timestamptz,
    ADD COLUMN lottery_draw_at timestamptz;

CREATE TABLE marriage_lottery_entry (
    id                   uuid         PRIMARY KEY,
    special_day_id       uuid         NOT NULL REFERENCES marriage_special_day (id),
    slot_id              uuid         NOT NULL REFERENCES marriage_slot (id),
    office_id            uuid         NOT NULL REFERENCES marriage_office (id),
    day                  date         NOT NULL,
    service              varchar(32)  NOT NULL,
    citizen_id           uuid         NOT NULL REFERENCES citizen (id),
    applicant_id_hash    varchar(64)  NOT NULL,
    partner_citizen_id   uuid         REFERENCES citizen (id),
    partner_name_enc     text,
    partner_name_masked  varchar(64),
    partner_id_enc       text,
    partner_id_hash      varchar(64),
    partner_id_masked    varchar(18),
    status               varchar(16)  NOT NULL
        CHECK (status IN ('REGISTERED', 'WITHDRAWN', 'WON', 'CONFIRMED', 'EXPIRED', 'WAITLISTED')),
    -- 1-based place in the draw order, and what the draw gave (never changes afterwards)
    draw_position        integer,
    draw_result          varchar(16)  CHECK (draw_result IN ('WON', 'WAITLISTED')),
    confirm_until        timestamptz,
    appointment_id       uuid         REFERENCES marriage_appointment (id),
    waitlist_id          uuid         REFERENCES marriage_waitlist (id),
    created_at           timestamptz  NOT NULL,
    withdrawn_at         timestamptz,
    confirmed_at         timestamptz
);
CREATE INDEX marriage_lottery_entry_day_idx ON marriage_lottery_entry (special_day_id, status);
CREATE INDEX marriage_lottery_entry_citizen_idx ON marriage_lottery_entry (citizen_id);
CREATE INDEX marriage_lottery_entry_hold_idx ON marriage_lottery_entry (confirm_until)
    WHERE status = 'WON';
-- last line behind the checked rule "one entry per couple per day and service"
CREATE UNIQUE INDEX marriage_lottery_entry_once_idx
    ON marriage_lottery_entry (special_day_id, service, applicant_id_hash)
    WHERE status <> 'WITHDRAWN';

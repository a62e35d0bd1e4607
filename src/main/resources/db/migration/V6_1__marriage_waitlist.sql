-- Waitlist of a full slot. A freed place is not given back to the slot while someone waits: it is
-- held for the first in line (OFFERED until hold_until); an unclaimed hold passes to the next.
CREATE TABLE marriage_waitlist (
    id                   uuid         PRIMARY KEY,
    position             bigint       GENERATED ALWAYS AS IDENTITY,
    slot_id              uuid         NOT NULL REFERENCES marriage_slot (id),
    office_id            uuid         NOT NULL REFERENCES marriage_office (id),
    service              varchar(32)  NOT NULL,
    citizen_id           uuid         NOT NULL REFERENCES citizen (id),
    applicant_id_hash    varchar(64)     NOT NULL,
    partner_citizen_id   uuid         REFERENCES citizen (id),
    partner_name_enc     text,
    partner_name_masked  varchar(64),
    partner_id_enc       text,
    partner_id_hash      varchar(64),
    partner_id_masked    varchar(18),
    status               varchar(16)  NOT NULL
        CHECK (status IN ('WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT')),
    created_at           timestamptz  NOT NULL,
    offered_at           timestamptz,
    hold_until           timestamptz,
    appointment_id       uuid         REFERENCES marriage_appointment (id)
);
CREATE INDEX marriage_waitlist_queue_idx ON marriage_waitlist (slot_id, position) WHERE status = 'WAITING';
CREATE INDEX marriage_waitlist_offered_idx ON marriage_waitlist (hold_until) WHERE status = 'OFFERED';
CREATE UNIQUE INDEX marriage_waitlist_once_idx ON marriage_waitlist (slot_id, citizen_id)
    WHERE status IN ('WAITING', 'OFFERED');
CREATE INDEX marriage_waitlist_citizen_idx ON marriage_waitlist (citizen_id);

-- Self-application (指尖办): the catalog of assistance items, applications with their timeline,
-- citizens' household profiles, and documents (metadata; the bytes live in object storage).
-- JSON documents (materials, form schema, answers) are kept as text and parsed by the service.

CREATE TABLE assistance_item (
    code               varchar(64)   PRIMARY KEY,
    name               varchar(100)  NOT NULL,
    department         varchar(32)   NOT NULL,
    department_name    varchar(50)   NOT NULL,
    category           varchar(32)   NOT NULL,
    description        text          NOT NULL,
    policy_basis       text          NOT NULL,
    -- abbreviations and synonyms people type (低保 is not a substring of 最低生活保障)
    keywords           varchar(200)  NOT NULL DEFAULT '',
    time_limit_days    integer       NOT NULL CHECK (time_limit_days > 0),
    public_notice      boolean       NOT NULL,
    emergency_allowed  boolean       NOT NULL,
    emergency_cap_fen  bigint,
    -- [{type, name, mandatory, acceptedTypes[]}]
    materials          text          NOT NULL,
    -- {fields: [{name, label, type, required, minLength, maxLength, min, max, pattern, options[]}]}
    form_schema        text          NOT NULL,
    -- regions that offer the item; a region covers everything below it
    regions            varchar(12)[] NOT NULL,
    active             boolean       NOT NULL DEFAULT true
);
CREATE INDEX assistance_item_department_idx ON assistance_item (department);

-- A citizen's household as last declared (encrypted JSON); pre-filled into the next application.
CREATE TABLE household_profile (
    citizen_id      uuid         PRIMARY KEY REFERENCES citizen (id),
    members_enc     text         NOT NULL,
    members_masked  text         NOT NULL,
    updated_at      timestamptz  NOT NULL
);

CREATE TABLE application (
    id                  uuid          PRIMARY KEY,
    item_code           varchar(64)   NOT NULL REFERENCES assistance_item (code),
    department          varchar(32)   NOT NULL,
    subject_id          uuid          NOT NULL REFERENCES citizen (id),
    applicant_id        uuid          NOT NULL REFERENCES citizen (id),
    region_code         varchar(12)   NOT NULL REFERENCES region (code),
    region_path         varchar(80)   NOT NULL,
    status              varchar(24)   NOT NULL,
    form_answers        text          NOT NULL DEFAULT '{}',
    household_enc       text,
    household_masked    text          NOT NULL DEFAULT '[]',
    missing_materials   text          NOT NULL DEFAULT '[]',
    due_date            date,
    accepted_on         date,
    notice_ends_at      timestamptz,
    amount_fen          bigint,
    start_month         varchar(7),
    decision_reason     text,
    created_at          timestamptz   NOT NULL,
    submitted_at        timestamptz,
    decided_at          timestamptz,
    updated_at          timestamptz   NOT NULL,
    version             integer       NOT NULL DEFAULT 0
);
CREATE INDEX application_subject_idx ON application (subject_id, created_at DESC);
CREATE INDEX application_applicant_idx ON application (applicant_id, created_at DESC);
CREATE INDEX application_queue_idx ON application (department, status, due_date);
CREATE INDEX application_notice_idx ON application (notice_ends_at) WHERE status = 'PUBLIC_NOTICE';
-- one open application per subject and item
CREATE UNIQUE INDEX application_open_idx ON application (subject_id, item_code)
    WHERE status IN ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'UNDER_REVIEW',
                     'PUBLIC_NOTICE', 'NOTICE_ENDED');

-- The timeline: every step; internal notes are for staff only.
CREATE TABLE application_event (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    seq             integer       NOT NULL,
    action          varchar(32)   NOT NULL,
    from_status     varchar(24),
    to_status       varchar(24)   NOT NULL,
    actor_role      varchar(16)   NOT NULL,
    actor_id        uuid,
    comment         text,
    internal_note   text,
    at              timestamptz   NOT NULL,
    UNIQUE (application_id, seq)
);

-- Documents belong to their owner (the document wallet), not to one application.
CREATE TABLE document (
    id             uuid          PRIMARY KEY,
    owner_id       uuid          NOT NULL REFERENCES citizen (id),
    type           varchar(40)   NOT NULL,
    file_name      varchar(200),
    content_type   varchar(64)   NOT NULL,
    size_bytes     bigint        NOT NULL,
    sha256         char(64)      NOT NULL,
    -- random and unguessable; the store is reachable only from the app
    object_key     varchar(200)  NOT NULL UNIQUE,
    uploaded_by    uuid          NOT NULL REFERENCES citizen (id),
    uploaded_at    timestamptz   NOT NULL
);
CREATE INDEX document_owner_idx ON document (owner_id, uploaded_at DESC);

CREATE TABLE application_document (
    application_id  uuid         NOT NULL REFERENCES application (id),
    document_id     uuid         NOT NULL REFERENCES document (id),
    attached_at     timestamptz  NOT NULL,
    PRIMARY KEY (application_id, document_id)
);
CREATE INDEX application_document_document_idx ON application_document (document_id);

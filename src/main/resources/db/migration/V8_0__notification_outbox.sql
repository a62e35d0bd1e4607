-- Transactional outbox: features record a notification in the same transaction as the change
-- that causes it; the dispatcher delivers it to the in-app inbox and WeChat.
CREATE TABLE notification_outbox (
    id            uuid         PRIMARY KEY,
    recipient_id  uuid         NOT NULL REFERENCES citizen (id),
    template      varchar(64)  NOT NULL,
    params        jsonb        NOT NULL DEFAULT '{}',
    dedup_key     varchar(200) NOT NULL UNIQUE,
    created_at    timestamptz  NOT NULL,
    status        varchar(12)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts      integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until timestamptz,
    last_error    text
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'PENDING';

-- In-app inbox (GET /api/v1/me/messages).
CREATE TABLE inbox_message (
    id            uuid         PRIMARY KEY,
    recipient_id  uuid         NOT NULL REFERENCES citizen (id),
    outbox_id     uuid         UNIQUE REFERENCES notification_outbox (id),
    template      varchar(64)  NOT NULL,
    title         varchar(100) NOT NULL,
    body          text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    read_at       timestamptz
);
CREATE INDEX inbox_message_recipient_idx ON inbox_message (recipient_id, created_at DESC);

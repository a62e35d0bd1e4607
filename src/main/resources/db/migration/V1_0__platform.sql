-- Platform tables every feature shares.

CREATE TABLE region (
    code        varchar(12)  PRIMARY KEY,
    name        varchar(64)  NOT NULL,
    level       varchar(16)  NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code varchar(12)  REFERENCES region (code),
    -- '/320000/321300/321302/': descendants are a prefix match on this column
    path        varchar(128) NOT NULL UNIQUE
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_path_prefix_idx ON region (path text_pattern_ops);

-- Exceptions to the weekday rule from the State Council holiday calendar.
CREATE TABLE calendar_day (
    day  date        PRIMARY KEY,
    kind varchar(8)  NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name varchar(32) NOT NULL
);

-- Responses of creating POSTs, keyed by caller and Idempotency-Key; kept 24 h.
CREATE TABLE idempotency_record (
    caller          varchar(64)  NOT NULL,
    idem_key        varchar(128) NOT NULL,
    request_hash    char(64)     NOT NULL,
    response_status integer,
    response_body   text,
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);

-- 政策找人: household facts a citizen saved with consent, and the re-evaluation jobs that tell them
-- when a standard or rule change makes them newly eligible for an item.

-- One row per citizen. The facts (members, incomes, assets, disability) and the last evaluation
-- (which items matched: itself revealing) are ciphertext (PiiCipher). In clear only what the
-- matching job needs to find the rows a change affects: the region and its tree path.
-- Withdrawing consent deletes the row.
CREATE TABLE saved_household (
    citizen_id         uuid         PRIMARY KEY REFERENCES citizen (id) ON DELETE CASCADE,
    facts_enc          text         NOT NULL,
    last_eligible_enc  text         NOT NULL,
    region_code        varchar(12)  NOT NULL REFERENCES region (code),
    region_path        varchar(128) NOT NULL,
    consented_at       timestamptz  NOT NULL,
    evaluated_at       timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX saved_household_region_path_idx ON saved_household (region_path text_pattern_ops);

-- "Re-evaluate the saved households under this region as of this date", written in the same
-- transaction as the standard, rule or first publish that causes it; one instance claims each
-- row (FOR UPDATE SKIP LOCKED) and marks it done in the transaction that does the work.
CREATE TABLE policy_match_job (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code  varchar(12)  NOT NULL REFERENCES region (code),
    region_path  varchar(128) NOT NULL,
    as_of        date         NOT NULL,
    cause        varchar(64)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    done_at      timestamptz,
    households   integer
);
CREATE INDEX policy_match_job_pending_idx ON policy_match_job (id) WHERE done_at IS NULL;

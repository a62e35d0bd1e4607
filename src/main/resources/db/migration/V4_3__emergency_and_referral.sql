-- Emergency path (三先三后 / 先救助后审批): a signed credit commitment, an immediate grant up to the
-- item's cap, and after review either confirmation or a claw-back with a breach of the commitment.
-- Referral (先临时后长效): drafts of long-term items linked to the case they came from.
ALTER TABLE application
    ADD COLUMN emergency            boolean      NOT NULL DEFAULT false,
    ADD COLUMN commitment_text      text,
    ADD COLUMN commitment_signed_at timestamptz,
    ADD COLUMN emergency_grant_fen  bigint,
    ADD COLUMN emergency_granted_at timestamptz,
    ADD COLUMN clawback_fen         bigint,
    ADD COLUMN credit_breach        boolean      NOT NULL DEFAULT false,
    ADD COLUMN referred_from        uuid         REFERENCES application (id);
CREATE INDEX application_breach_idx ON application (subject_id) WHERE credit_breach;

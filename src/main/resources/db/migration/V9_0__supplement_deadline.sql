-- Supplement-request deadlines (补正期限): each request is a numbered round; the job reminds the
-- citizen the working day before the deadline and marks the case overdue after it, claiming rows
-- with a lease so several instances act once per application and a dead instance's claim expires.
ALTER TABLE application ADD COLUMN supplement_round integer NOT NULL DEFAULT 0;
ALTER TABLE application ADD COLUMN supplement_remind_on date;
ALTER TABLE application ADD COLUMN supplement_reminded_at timestamptz;
ALTER TABLE application ADD COLUMN supplement_overdue_at timestamptz;
ALTER TABLE application ADD COLUMN deadline_claimed_until timestamptz;

-- requests made before this release: one round, reminded the calendar day before
UPDATE application
   SET supplement_round = 1, supplement_remind_on = due_date - 1
 WHERE status = 'SUPPLEMENT_REQUESTED' AND due_date IS NOT NULL;

CREATE INDEX application_supplement_due_idx ON application (due_date)
    WHERE status = 'SUPPLEMENT_REQUESTED';

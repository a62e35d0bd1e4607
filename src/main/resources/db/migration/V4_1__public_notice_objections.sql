-- Public notice (公示) objections: anyone logged in may object; an open objection holds the case
-- until a caseworker resolves it.
ALTER TABLE application ADD COLUMN open_objections integer NOT NULL DEFAULT 0;

CREATE TABLE public_notice_objection (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    filed_by        uuid          NOT NULL,
    reason          text          NOT NULL,
    filed_at        timestamptz   NOT NULL,
    resolved_at     timestamptz,
    resolved_by     uuid,
    resolution      text
);
CREATE INDEX public_notice_objection_app_idx ON public_notice_objection (application_id);

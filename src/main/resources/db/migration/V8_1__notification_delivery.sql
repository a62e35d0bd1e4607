-- Delivery state of the outbox, WeChat's access token shared by all instances, and the
-- templates a citizen refused (WeChat errcode 43101).
ALTER TABLE notification_outbox ADD COLUMN wechat_result varchar(16);
ALTER TABLE notification_outbox ADD COLUMN delivered_at timestamptz;

CREATE TABLE wechat_token (
    app_id            varchar(64) PRIMARY KEY,
    access_token_enc  text,
    expires_at        timestamptz,
    -- lease: the one instance refreshing the token holds it until then
    refreshing_until  timestamptz
);

CREATE TABLE wechat_subscription_block (
    citizen_id  uuid        NOT NULL REFERENCES citizen (id),
    template    varchar(64) NOT NULL,
    blocked_at  timestamptz NOT NULL,
    PRIMARY KEY (citizen_id, template)
);

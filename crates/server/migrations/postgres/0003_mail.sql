-- Outgoing mail, queued by requests and delivered by the background worker.
-- Rows are kept after delivery (sent_at set); timestamps are epoch milliseconds.

CREATE TABLE mail_queue (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    sent_at BIGINT
);
-- The worker's question, "what is due?", reads only unsent rows.
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, created_at) WHERE sent_at IS NULL;

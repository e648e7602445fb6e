-- Rate-limit buckets shared by every server instance on this database, so N instances
-- still let through the configured rate and not N times it. A bucket is the instant
-- (microseconds since the epoch) at which it is full again (GCRA). UNLOGGED: a crash
-- forgets the buckets, which only ever errs on the lenient side, and no request pays
-- for a WAL write.
CREATE UNLOGGED TABLE rate_limit_buckets (
    key TEXT PRIMARY KEY,
    full_at BIGINT NOT NULL
);

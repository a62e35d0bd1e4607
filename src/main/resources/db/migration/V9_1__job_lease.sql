-- Leases for jobs that work on something other than rows (e.g. the object store sweep): the one
-- instance holding a job's lease runs it; a lease left by an instance that died simply expires.
CREATE TABLE job_lease (
    name        varchar(64)  PRIMARY KEY,
    holder      uuid,
    held_until  timestamptz
);

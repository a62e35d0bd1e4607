-- One counter that every change citizens could see in policy reads bumps (publish, archive, edit,
-- standard, synonym), in the same transaction. Instances key their cached search pages and policy
-- details by it, so a cached page never outlives the data it was built from.
CREATE TABLE policy_data_version (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);
INSERT INTO policy_data_version (id, version) VALUES (1, 0);

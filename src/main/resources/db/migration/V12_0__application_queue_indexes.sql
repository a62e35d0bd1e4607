-- The caseworker queue (CaseworkService.queue) filters by department, an unanchored region-path
-- pattern ('%/321302/%', a region covers everything below it) and optionally a status, orders by
-- due date, and counts the matches. On 200,000 applications the old (department, status, due_date)
-- index left every candidate row to be fetched from the heap to test its path, for the page and
-- again for the count. These indexes carry the path (and status) so the count is an index-only scan
-- and the page walks the index in queue order, fetching only rows it returns.

-- queue by status: department = ?, status = ?, ordered by due date
CREATE INDEX application_queue_status_idx
    ON application (department, status, due_date, submitted_at, id)
    INCLUDE (region_path)
    WHERE submitted_at IS NOT NULL;

-- whole queue (every status but drafts): department = ?, ordered by due date
CREATE INDEX application_queue_all_idx
    ON application (department, due_date, submitted_at, id)
    INCLUDE (status, region_path)
    WHERE submitted_at IS NOT NULL;

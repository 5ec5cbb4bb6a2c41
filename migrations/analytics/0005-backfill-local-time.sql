-- 0003 added receipts.local_ts for receipts arriving after it; a read side synced or imported
-- before it kept NULLs there, which every report filters out. Fill them once.
UPDATE receipts r
   SET local_ts = timezone(coalesce((SELECT any_value(s.time_zone) FROM stores s WHERE s.store_id = r.store_id), 'UTC'), r.ts)
 WHERE r.local_ts IS NULL;

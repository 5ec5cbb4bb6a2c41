-- Lines name their receipt by its key alone (migration 0014), by which every report already read
-- them: the 30-character id on each line was the costliest column of a flat import's write
-- (26 M lines written in 9.3 s without it, 11.4 s with it) and no report read it.
ALTER TABLE receipt_lines DROP COLUMN receipt_id;

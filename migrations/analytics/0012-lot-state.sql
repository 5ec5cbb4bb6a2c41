-- Each lot carries what its movements did to it, kept as they arrive: the sync adds every batch's
-- lot movements to their lots (sync/lot-state.ts). The redemption rate read every movement, joined
-- each to its transfer's reason and grouped them by lot, 0.8-1.0 s of each mechanics and campaign
-- report on the 5-million-receipt chain; with these columns it is one pass over the lots.
-- NULL: nothing has moved the lot yet.
--   moved: the sum of its movements (remaining = amount + moved, as PostgreSQL's ledger_lots has it);
--   redeemed: points redemptions took from it;
--   redeemed_weighted_epoch_us: the sum over its redemptions of points × the redemption's epoch
--     microseconds, so their mean time is this / redeemed;
--   merged: a merge moved it to the surviving member (its fate lives on in the survivor's lot).
ALTER TABLE point_lots ADD COLUMN moved BIGINT;
ALTER TABLE point_lots ADD COLUMN redeemed BIGINT;
ALTER TABLE point_lots ADD COLUMN redeemed_weighted_epoch_us HUGEINT;
ALTER TABLE point_lots ADD COLUMN merged BOOLEAN;
UPDATE point_lots l
   SET moved = d.moved, redeemed = d.redeemed, redeemed_weighted_epoch_us = d.redeemed_weighted_epoch_us, merged = d.merged
  FROM (SELECT m.lot_id, sum(m.amount) AS moved, coalesce(-sum(m.amount) FILTER (WHERE t.reason = 'redeem'), 0) AS redeemed,
               coalesce(-sum(m.amount::HUGEINT * epoch_us(m.ts)) FILTER (WHERE t.reason = 'redeem'), 0) AS redeemed_weighted_epoch_us,
               coalesce(bool_or(t.reason = 'transfer'), false) AS merged
          FROM point_lot_movements m LEFT JOIN ledger_movements t ON t.transfer_id = m.transfer_id AND t.reason IN ('redeem', 'transfer')
         GROUP BY m.lot_id) d
 WHERE l.lot_id = d.lot_id;

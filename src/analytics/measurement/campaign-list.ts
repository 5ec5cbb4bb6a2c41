import type { AnalyticsStore, Row } from '../analytics-store.ts';

/** Every campaign on the read side with its window and arms: Patron's own and imported experiments. */
export async function listCampaigns(store: AnalyticsStore): Promise<Row[]> {
  return store.query(
    `WITH arms AS (
       SELECT campaign_id, count(DISTINCT customer_id) FILTER (WHERE group_name = 'treatment') AS treated, count(DISTINCT customer_id) FILTER (WHERE group_name = 'control') AS control
         FROM campaign_assignments GROUP BY 1
       UNION ALL
       SELECT u.campaign_id, count(*) FILTER (WHERE u.arm <> c.control_arm), count(*) FILTER (WHERE u.arm = c.control_arm)
         FROM experiment_units u JOIN (SELECT campaign_id, any_value(control_arm) AS control_arm FROM campaigns GROUP BY 1) c USING (campaign_id) GROUP BY 1)
     SELECT c.campaign_id, any_value(c.code) AS code, any_value(c.name) AS name, CASE WHEN any_value(c.source) = 'patron' THEN 'patron' ELSE 'experiment' END AS kind,
            strftime(any_value(c.starts_at), '%Y-%m-%d') AS starts_on, strftime(any_value(c.ends_at) - INTERVAL 1 DAY, '%Y-%m-%d') AS ends_on,
            coalesce(any_value(a.treated), 0)::BIGINT AS treated, coalesce(any_value(a.control), 0)::BIGINT AS control
       FROM campaigns c LEFT JOIN arms a USING (campaign_id) GROUP BY c.campaign_id ORDER BY starts_on NULLS LAST, code`,
  );
}

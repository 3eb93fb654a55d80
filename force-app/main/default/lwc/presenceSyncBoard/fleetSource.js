/**
 * The board's FleetSource (docs/contract.md §7) over the PresenceSyncHealth Apex class: `list()`
 * reads every row the supervisor may see; `requestResync(userIds)` stamps the agents' rows. The
 * board checks each row itself, so this only forwards.
 */
export function createFleetSource({ listFleet, requestResync }) {
  return {
    list: () => listFleet({ filter: 'all' }),
    requestResync: (userIds) =>
      requestResync({ userIds: Array.from(userIds, String) }).then(() => undefined),
  };
}

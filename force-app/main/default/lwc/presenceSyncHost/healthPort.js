/**
 * The element's HealthPort (docs/contract.md §7) over Apex: each report is the JSON of the health
 * record, written to the agent's own Presence_Sync_Health__c row by PresenceSyncHealth.report; the
 * answer says whether a supervisor asked for a resync. A failure rejects, and the element retries
 * at its next heartbeat.
 */
export function createHealthPort({ report }) {
  return {
    report: (health) =>
      report({ json: JSON.stringify(health) }).then((answer) => ({
        resyncRequested: Boolean(answer && answer.resyncRequested === true),
      })),
  };
}

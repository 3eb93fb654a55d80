import { createHealthPort } from '../healthPort';

const RECORD = {
  v: 1,
  phase: 'error',
  problemCode: 'acd-write-failed',
  heartbeatAt: 1767603610000,
};

describe('createHealthPort', () => {
  it('sends the record as JSON to PresenceSyncHealth.report and reads the resync request', async () => {
    const report = jest.fn().mockResolvedValue({ resyncRequested: true });
    const port = createHealthPort({ report });
    await expect(port.report(RECORD)).resolves.toEqual({ resyncRequested: true });
    expect(report).toHaveBeenCalledWith({ json: JSON.stringify(RECORD) });
  });

  it('reads anything but a true resyncRequested as no request', async () => {
    const answers = [null, {}, { resyncRequested: 'yes' }, { resyncRequested: 1 }];
    const read = await Promise.all(
      answers.map((answer) =>
        createHealthPort({ report: jest.fn().mockResolvedValue(answer) }).report(RECORD),
      ),
    );
    expect(read).toEqual(answers.map(() => ({ resyncRequested: false })));
  });

  it('rejects when Apex does, so the element retries at its next heartbeat', async () => {
    const port = createHealthPort({
      report: jest.fn().mockRejectedValue(new Error('UNABLE_TO_LOCK_ROW')),
    });
    await expect(port.report(RECORD)).rejects.toThrow('UNABLE_TO_LOCK_ROW');
  });
});

import { afterAll, beforeAll } from '@jest/globals';
import { JetStreamTransport } from '../../src/index.js';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '../../src/testing/index.js';
import { openEventsDatabase } from './events-fixture.js';

/** A database and a JetStream transport (in a namespace) of this test file's own, open during its tests. */
export function useEventsBed(label: string): {
  database: Awaited<ReturnType<typeof openEventsDatabase>>;
  transport: JetStreamTransport;
} {
  const bed = {} as ReturnType<typeof useEventsBed>;
  const namespace = testNamespace(label);
  beforeAll(async () => {
    bed.database = await openEventsDatabase(label);
    bed.transport = await JetStreamTransport.connect({
      url: testNatsUrl(),
      logger: testLogger(),
      namespace,
    });
  });
  afterAll(async () => {
    await bed.transport.close();
    await bed.database.close();
    await deleteTestStreams(namespace);
  });
  return bed;
}

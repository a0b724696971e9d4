import { afterAll, beforeAll } from '@jest/globals';
import { JetStreamTransport, type JetStreamTransportOptions } from '../../src/index.js';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '../../src/testing/index.js';
import { openEventsDatabase } from './events-fixture.js';

/** What the transport of a bed may set beyond where it connects (e.g. short pulls). */
export type BedTransportOptions = Omit<JetStreamTransportOptions, 'url' | 'logger' | 'namespace'>;

/** A database and a JetStream transport (in a namespace) of this test file's own, open during its tests. */
export function useEventsBed(
  label: string,
  transportOptions: BedTransportOptions = {},
): {
  database: Awaited<ReturnType<typeof openEventsDatabase>>;
  transport: JetStreamTransport;
  /** The bed's streams and subjects prefix (to reach them with a client of the test's own). */
  namespace: string;
} {
  const namespace = testNamespace(label);
  const bed = { namespace } as ReturnType<typeof useEventsBed>;
  beforeAll(async () => {
    bed.database = await openEventsDatabase(label);
    bed.transport = await JetStreamTransport.connect({
      ...transportOptions,
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

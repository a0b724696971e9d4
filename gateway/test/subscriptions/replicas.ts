import { spawnService, testLogger } from '@peerseed/shared/testing';
import { loadGatewayConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';
import { gatewayEnvFor, type TestStack } from '../support/test-stack.js';

/** Another gateway replica in this process, over the stack's subgraphs and NATS namespace. */
export const startReplica = (stack: TestStack, env: Record<string, string> = {}) =>
  startGateway({ config: loadGatewayConfig({ ...gatewayEnvFor(stack), ...env }), logger: testLogger() });

/** A replica in a process of its own, so it can crash for real (SIGKILL), sockets and all. */
export const spawnReplica = (stack: TestStack) =>
  spawnService('gateway/src/main.ts', { env: gatewayEnvFor(stack), tsconfig: 'gateway/tsconfig.json' });

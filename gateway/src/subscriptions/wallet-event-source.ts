// The WALLET-only names of before the sources were generalised (event-source.ts), kept so
// code written against them still compiles; new code uses event-source.ts.
export type {
  StoredEvent as StoredWalletEvent,
  EventReader as WalletEventReader,
  EventSource as WalletEventSource,
} from './event-source.js';

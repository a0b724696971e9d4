import type { StoredEvent } from './event-source.js';

/**
 * `map` computed once per stored event, however many subscribers read it: the shared
 * tail hands every subscriber the same StoredEvent object, and parsing its envelope a
 * thousand times per event was ~5% of the gateway's time at 1,000 subscribers. The
 * value is shared by all of them, so it is frozen: a subscriber copies before it adds.
 * Events read by a subscriber's own reader are other objects: mapped on their own.
 */
export function oncePerEvent<T extends object>(
  map: (event: StoredEvent) => T | null,
): (event: StoredEvent) => T | null {
  const mapped = new WeakMap<StoredEvent, { value: T | null }>();
  return (event) => {
    let entry = mapped.get(event);
    if (!entry) {
      const value = map(event);
      entry = { value: value && Object.freeze(value) };
      mapped.set(event, entry);
    }
    return entry.value;
  };
}

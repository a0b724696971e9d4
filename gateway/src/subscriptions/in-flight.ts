/**
 * Shares a computation among the callers asking the same key while it runs, and only then:
 * the entry goes when it settles, so nothing outlives the moment it was asked for.
 */
export function shareInFlight<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, run) => {
    let answer = running.get(key);
    if (!answer) {
      answer = run().finally(() => running.delete(key));
      running.set(key, answer);
    }
    return answer;
  };
}

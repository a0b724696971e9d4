/** A task ran past its time limit; the consumer retries it (with backoff) like any failure. */
export class TaskTimeoutError extends Error {
  constructor(task: string, limitMs: number) {
    super(`${task} took longer than ${limitMs} ms`);
    this.name = 'TaskTimeoutError';
  }
}

/**
 * Runs `work` with a time limit (the seed's Celery task timeout). Past the limit the
 * promise rejects at once and `signal` aborts, so the work stops at its next step
 * instead of running on after the caller gave up on it.
 */
export async function withTimeLimit<T>(
  task: string,
  limitMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new TaskTimeoutError(task, limitMs);
      controller.abort(error);
      reject(error);
    }, limitMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

import type { ErrorRequestHandler } from 'express';
import type { ServerResponse } from 'node:http';

/** The body problems the gateway answers itself, before GraphQL sees the request. */
export type BodyProblem = 'not-json' | 'too-large' | 'unsupported-encoding';

const ANSWERS: Record<BodyProblem, { status: number; message: string }> = {
  'not-json': { status: 400, message: 'Request body is not valid JSON' },
  'too-large': { status: 413, message: 'Request body is too large' },
  'unsupported-encoding': { status: 415, message: 'Unsupported body encoding' },
};

/** Answers a body problem in the GraphQL error shape instead of express's HTML page. */
export function answerBodyProblem(res: ServerResponse, problem: BodyProblem): void {
  const { status, message } = ANSWERS[problem];
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

const PROBLEMS: Record<string, BodyProblem> = {
  'entity.parse.failed': 'not-json',
  'entity.too.large': 'too-large',
  'encoding.unsupported': 'unsupported-encoding',
  'charset.unsupported': 'unsupported-encoding',
};

/** express.json() rejects malformed or oversized bodies before GraphQL sees them; answer those. */
export const jsonBodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const problem = PROBLEMS[(error as { type?: string }).type ?? ''];
  if (problem) answerBodyProblem(res, problem);
  else next(error);
};

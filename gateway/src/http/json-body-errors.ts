import type { ErrorRequestHandler } from 'express';

/**
 * express.json() rejects malformed or oversized bodies before GraphQL sees them;
 * answer those in the GraphQL error shape instead of express's HTML page.
 */
export const jsonBodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  } else if (type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: 'Request body is too large', extensions: { code: 'BAD_REQUEST' } }] });
  } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    res.status(415).json({ errors: [{ message: 'Unsupported body encoding', extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    next(error);
  }
};

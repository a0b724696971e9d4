import { ValidationError } from '@peerseed/shared/domain';
import type { StatementLine, UnitOfWork } from './ports.js';
import { decodeStatementCursor, encodeStatementCursor } from './statement-cursor.js';

export interface StatementPage {
  lines: { cursor: string; line: StatementLine }[];
  hasNextPage: boolean;
}

export const DEFAULT_STATEMENT_PAGE = 20;
export const MAX_STATEMENT_PAGE = 100;

/** A user's ledger movements, newest first, a page at a time. */
export class GetStatement {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(ownerId: string, first: number | null | undefined, after: string | null | undefined) {
    const size = first ?? DEFAULT_STATEMENT_PAGE;
    if (size < 0 || size > MAX_STATEMENT_PAGE) {
      throw new ValidationError(`first must be between 0 and ${MAX_STATEMENT_PAGE}`, 'first');
    }
    const position = after ? decodeStatementCursor(after) : null;
    // One row more than asked tells whether there is a next page.
    const rows = await this.uow.read((tx) => tx.ledger.statement(ownerId, size + 1, position));
    return {
      lines: rows.slice(0, size).map((line) => ({
        cursor: encodeStatementCursor({ createdAt: line.createdAt, transactionId: line.transactionId }),
        line,
      })),
      hasNextPage: rows.length > size,
    } satisfies StatementPage;
  }
}

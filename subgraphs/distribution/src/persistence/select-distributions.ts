import type { Em } from '@peerseed/shared';
import type { DistributionView } from '../application/ports.js';
import type { LineScope } from '../domain/line-visibility.js';
import { pgArray } from './pg-arrays.js';

/** The columns distributions are looked up by. */
export type DistributionKey = 'id' | 'cpr_id' | 'payment_id';

interface Row {
  id: string;
  payment_id: string;
  cpr_id: string;
  installment_number: number;
  total: string;
  fee: string;
  created_at: Date | string;
  issuer_id: string;
  lines: { investorId: string; amount: string }[];
}

const LINES = (extra: string) => `(select coalesce(json_agg(json_build_object('investorId', l.investor_id,
    'amount', l.amount::text) order by l.position), '[]'::json)
  from "distribution_lines" l where l.distribution_id = d.id${extra})`;

/**
 * Distributions with the lines `scope` allows, in one statement for any number of keys.
 * The issuer-or-own scope picks its subquery per row (CASE runs only the chosen one), so
 * an investor's view of a 10,000-line distribution reads one line through the primary key.
 */
export async function selectDistributions(
  em: Em,
  key: DistributionKey,
  keys: readonly string[],
  scope: LineScope,
): Promise<DistributionView[]> {
  const params: unknown[] = [];
  let lines: string;
  if (scope.kind === 'every-line') lines = LINES('');
  else if (scope.kind === 'none') lines = `'[]'::json`;
  else {
    lines = `case when c.issuer_id = ?::uuid then ${LINES('')} else ${LINES(' and l.investor_id = ?::uuid')} end`;
    params.push(scope.viewerId, scope.viewerId);
  }
  const rows = await em.execute<Row[]>(
    `select d.id, d.payment_id, d.cpr_id, d.installment_number, d.total::text as total, d.fee::text as fee,
        d.created_at, c.issuer_id, ${lines} as lines
      from "distributions" d join "cprs" c on c.id = d.cpr_id
      where d.${key} = any(?::uuid[])
      order by d.cpr_id, d.installment_number, d.created_at`,
    [...params, pgArray(keys)],
  );
  return rows.map((row) => ({
    issuerId: row.issuer_id,
    distribution: {
      id: row.id,
      paymentId: row.payment_id,
      cprId: row.cpr_id,
      installmentNumber: row.installment_number,
      total: BigInt(row.total),
      fee: BigInt(row.fee),
      createdAt: new Date(row.created_at),
      lines: row.lines.map((line) => ({ investorId: line.investorId, amount: BigInt(line.amount) })),
    },
  }));
}

import type { TestWallet, Caller } from './test-wallet.js';
import { handledBy, outboxedData } from '@peerseed/shared/testing';
import { admin } from './test-wallet.js';

const REQUEST = 'mutation ($a: Decimal!) { requestDeposit(amount: $a) { id status } }';
const CONFIRM = 'mutation ($id: ID!) { confirmDeposit(id: $id) { id status } }';
const WALLET = '{ myWallet { owner { id } available { amount } escrowed { amount } } }';

/** Deposits and confirms `amount` (Decimal) for `user` through the API. */
export async function fund(wallet: TestWallet, user: Caller, amount: string): Promise<string> {
  const requested = await wallet.graphql(REQUEST, { a: amount }, user);
  const id = requested.data.requestDeposit.id as string;
  const confirmed = await wallet.graphql(CONFIRM, { id }, admin());
  if (confirmed.errors) throw new Error(JSON.stringify(confirmed.errors));
  return id;
}

/** The user's wallet as the API shows it. */
export async function walletOf(wallet: TestWallet, user: Caller): Promise<{ available: string; escrowed: string }> {
  const result = await wallet.graphql(WALLET, {}, user);
  return { available: result.data.myWallet.available.amount, escrowed: result.data.myWallet.escrowed.amount };
}

/**
 * The ledger's invariants, straight from the tables: every transaction sums to zero,
 * every balance equals the sum of its entries, all balances sum to zero, and only
 * EXTERNAL is negative.
 */
export async function ledgerInvariants(wallet: TestWallet) {
  const [unbalanced] = await wallet.sql<{ n: string }>(
    `select count(*) as n from (select transaction_id from ledger_entries group by transaction_id having sum(amount) <> 0) t`,
  );
  const [drifted] = await wallet.sql<{ n: string }>(
    `select count(*) as n from ledger_accounts a
      where a.balance <> coalesce((select sum(e.amount) from ledger_entries e where e.account_id = a.id), 0)`,
  );
  const [total] = await wallet.sql<{ sum: string | null }>(`select sum(balance) as sum from ledger_accounts`);
  const [negative] = await wallet.sql<{ n: string }>(
    `select count(*) as n from ledger_accounts where balance < 0 and kind <> 'EXTERNAL'`,
  );
  return {
    unbalancedTransactions: Number(unbalanced!.n),
    balancesNotMatchingEntries: Number(drifted!.n),
    sumOfBalances: BigInt(total!.sum ?? 0),
    negativeBalances: Number(negative!.n),
  };
}

export const HEALTHY_LEDGER = {
  unbalancedTransactions: 0,
  balancesNotMatchingEntries: 0,
  sumOfBalances: 0n,
  negativeBalances: 0,
};

/** A balance by account key (`available:<user>`, `escrow:<investment>`, `system:FEES`), in centavos. */
export async function balance(wallet: TestWallet, key: string): Promise<bigint> {
  const rows = await wallet.sql<{ balance: string }>(`select balance from ledger_accounts where key = ?`, [key]);
  return BigInt(rows[0]?.balance ?? 0);
}

/** The data of the events of `subject` (a contract's) in the wallet's outbox. */
export const outboxed = (wallet: TestWallet, subject: string) => outboxedData(wallet.sql, subject);

/** Waits until the wallet's consumer `handler` has recorded event `eventId` in its inbox. */
export const handled = (wallet: TestWallet, handler: string, eventId: string) =>
  handledBy(wallet.sql, `wallet-${handler}`, eventId);

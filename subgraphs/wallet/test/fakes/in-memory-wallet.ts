import { ConflictError, InsufficientFundsError } from '@peerseed/shared/domain';
import type {
  Clock,
  DistributionCredit,
  IdGenerator,
  StatementLine,
  UnitOfWork,
  WalletTransaction,
} from '../../src/application/ports.js';
import type { Deposit } from '../../src/domain/deposit.js';
import { accountKey, mayGoNegative, type AccountKind } from '../../src/domain/ledger-account.js';
import type { LedgerTransaction } from '../../src/domain/ledger-transaction.js';
import type { Payment } from '../../src/domain/payment.js';
import type { Reservation } from '../../src/domain/reservation.js';
import type { Holding, ScheduledInstallment, WalletCpr } from '../../src/domain/wallet-cpr.js';

interface Account {
  kind: AccountKind;
  ownerId: string | null;
  balance: bigint;
}

export type RecordedEvent =
  | { type: 'FundsReserved' | 'FundsRejected'; investmentId: string }
  | { type: 'PaymentConfirmed'; paymentId: string; amount: bigint; issuerId: string }
  | { type: 'DistributionCredited'; credit: DistributionCredit }
  | { type: 'DepositConfirmed'; depositId: string };

/** The tables of the in-memory wallet; cloned before each unit of work and put back if it fails. */
class Tables {
  accounts = new Map<string, Account>();
  transactions: LedgerTransaction[] = [];
  deposits = new Map<string, Deposit>();
  reservations = new Map<string, Reservation>();
  cprs = new Map<string, WalletCpr>();
  holdings: Holding[] = [];
  installments: ScheduledInstallment[] = [];
  payments = new Map<string, Payment>();
  events: RecordedEvent[] = [];
}

const copy = <T>(value: T): T => structuredClone(value);

/** The wallet's ports in memory, with transaction semantics: a failed `run` leaves nothing behind. */
export class InMemoryWallet implements UnitOfWork {
  db = new Tables();

  async run<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
    const snapshot = copy(this.db);
    try {
      return await work(this.tx());
    } catch (error) {
      this.db = snapshot;
      throw error;
    }
  }

  read<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
    return work(this.tx());
  }

  /** A balance by account key (`available:<user>`, `escrow:<investment>`, `system:FEES`). */
  balance(key: string): bigint {
    return this.db.accounts.get(key)?.balance ?? 0n;
  }

  /** Every balance must equal the sum of its entries, and all balances sum to zero. */
  ledgerSum(): bigint {
    return [...this.db.accounts.values()].reduce((sum, a) => sum + a.balance, 0n);
  }

  private account(ref: Parameters<typeof accountKey>[0]): Account {
    const key = accountKey(ref);
    let account = this.db.accounts.get(key);
    if (!account) {
      account = { kind: ref.kind, ownerId: 'ownerId' in ref ? ref.ownerId : null, balance: 0n };
      this.db.accounts.set(key, account);
    }
    return account;
  }

  private tx(): WalletTransaction {
    const db = this.db;
    const record = async (event: RecordedEvent) => void db.events.push(event);
    return {
      ledger: {
        post: async (transaction) => {
          if (db.transactions.some((t) => t.idempotencyKey === transaction.idempotencyKey)) return 'duplicate';
          for (const posting of transaction.postings) {
            const account = this.account(posting.account);
            if (!mayGoNegative(account.kind) && account.balance + posting.amount < 0n) {
              throw new InsufficientFundsError('Insufficient funds');
            }
            account.balance += posting.amount;
          }
          db.transactions.push(copy(transaction));
          return 'posted';
        },
        lockBalance: async (ref) => this.account(ref).balance,
        walletOf: async (ownerId) => {
          const owned = [...db.accounts.values()].filter((a) => a.ownerId === ownerId);
          const total = (kind: AccountKind) =>
            owned.filter((a) => a.kind === kind).reduce((sum, a) => sum + a.balance, 0n);
          return { available: total('AVAILABLE'), escrowed: total('ESCROW') };
        },
        statement: async (ownerId, limit, after) => {
          const lines: StatementLine[] = db.transactions
            .map((t) => {
              const mine = t.postings.filter((p) => 'ownerId' in p.account && p.account.ownerId === ownerId);
              const sum = (kind: AccountKind) =>
                mine.filter((p) => p.account.kind === kind).reduce((s, p) => s + p.amount, 0n);
              return {
                line: {
                  transactionId: t.id,
                  kind: t.kind,
                  reference: t.reference,
                  cprId: t.cprId,
                  createdAt: t.createdAt,
                  available: sum('AVAILABLE'),
                  escrowed: sum('ESCROW'),
                },
                mine: mine.length > 0,
              };
            })
            .filter((x) => x.mine)
            .map((x) => x.line);
          const order = (l: StatementLine) => `${l.createdAt.toISOString()}|${l.transactionId}`;
          return lines
            .sort((a, b) => (order(a) < order(b) ? 1 : -1))
            .filter((l) => !after || order(l) < `${after.createdAt.toISOString()}|${after.transactionId}`)
            .slice(0, limit);
        },
      },
      deposits: {
        add: async (d) => void db.deposits.set(d.id, copy(d)),
        findById: async (id) => copy(db.deposits.get(id) ?? null),
        findByIdForUpdate: async (id) => copy(db.deposits.get(id) ?? null),
        markConfirmed: async (id, at) => {
          const d = db.deposits.get(id)!;
          db.deposits.set(id, { ...d, status: 'CONFIRMED', confirmedAt: at });
        },
      },
      reservations: {
        findForUpdate: async (id) => copy(db.reservations.get(id) ?? null),
        claim: async (r) => {
          const existing = db.reservations.get(r.investmentId);
          if (existing) return { added: false, existing: copy(existing) };
          db.reservations.set(r.investmentId, copy(r));
          return { added: true };
        },
        setStatus: async (ids, status, at) => {
          for (const id of ids) {
            const r = db.reservations.get(id);
            if (r) db.reservations.set(id, { ...r, status, updatedAt: at });
          }
        },
        reservedForCprForUpdate: async (cprId) =>
          copy([...db.reservations.values()].filter((r) => r.cprId === cprId && r.status === 'RESERVED')),
      },
      cprs: {
        find: async (id) => copy(db.cprs.get(id) ?? null),
        recordCancelled: async (id, issuerId, at) => {
          if (!db.cprs.has(id)) {
            db.cprs.set(id, {
              id,
              issuerId,
              status: 'CANCELLED',
              fundedAmount: null,
              originationFee: null,
              updatedAt: at,
            });
          }
        },
        addDisbursed: async (cpr, holdings, installments) => {
          if (db.cprs.has(cpr.id)) throw new Error('duplicate key');
          db.cprs.set(cpr.id, copy(cpr));
          db.holdings.push(...copy(holdings));
          db.installments.push(...copy(installments));
        },
        installment: async (cprId, number) =>
          copy(db.installments.find((i) => i.cprId === cprId && i.number === number) ?? null),
      },
      payments: {
        add: async (p) => {
          const taken = [...db.payments.values()].some(
            (q) => q.cprId === p.cprId && q.installmentNumber === p.installmentNumber,
          );
          if (taken) throw new ConflictError('already paid');
          db.payments.set(p.id, copy(p));
        },
        findById: async (id) => copy(db.payments.get(id) ?? null),
        findWithRights: async (asks) =>
          asks.flatMap(({ paymentId, viewerId }) => {
            const payment = db.payments.get(paymentId);
            if (!payment) return [];
            const issuerId = db.cprs.get(payment.cprId)?.issuerId ?? null;
            const viewerHolds = db.holdings.some((h) => h.cprId === payment.cprId && h.investorId === viewerId);
            return [{ viewerId, payment: copy(payment), issuerId, viewerHolds }];
          }),
        existsFor: async (cprId, n) =>
          [...db.payments.values()].some((p) => p.cprId === cprId && p.installmentNumber === n),
      },
      events: {
        fundsReserved: (r) => record({ type: 'FundsReserved', investmentId: r.investmentId }),
        fundsRejected: (r) => record({ type: 'FundsRejected', investmentId: r.investmentId }),
        paymentConfirmed: (p, issuerId) =>
          record({ type: 'PaymentConfirmed', paymentId: p.id, amount: p.amount, issuerId }),
        distributionCredited: (credit) => record({ type: 'DistributionCredited', credit: copy(credit) }),
        depositConfirmed: (d) => record({ type: 'DepositConfirmed', depositId: d.id }),
      },
    };
  }
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-24T12:00:00.000Z')) {}
  now = () => new Date(this.current);
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** Uuid-shaped, increasing ids (the use cases check ids are uuids). */
export const sequentialIds = (): IdGenerator => {
  let n = 0;
  return { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
};

/** Uuid-shaped ids for test data: `uuid(7)` → 00000000-0000-4000-9000-000000000007. */
export const uuid = (n: number): string => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

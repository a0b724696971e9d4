import type { Deposit } from '../domain/deposit.js';
import type { AccountRef } from '../domain/ledger-account.js';
import type { LedgerTransaction, TransactionKind } from '../domain/ledger-transaction.js';
import type { Payment } from '../domain/payment.js';
import type { Reservation, ReservationStatus } from '../domain/reservation.js';
import type { Holding, ScheduledInstallment, WalletCpr } from '../domain/wallet-cpr.js';

/** A user's balances, in centavos. */
export interface WalletBalances {
  available: bigint;
  /** Sum of the user's escrow accounts (one per reserved investment). */
  escrowed: bigint;
}

/** Where a statement page starts: the last line the client saw. */
export interface StatementPosition {
  createdAt: Date;
  transactionId: string;
}

/** One ledger transaction as it changed one user's wallet. */
export interface StatementLine {
  transactionId: string;
  kind: TransactionKind;
  reference: string;
  cprId: string | null;
  createdAt: Date;
  /** Change of the available balance (signed centavos). */
  available: bigint;
  /** Change of the escrowed balance (signed centavos). */
  escrowed: bigint;
}

/** The double-entry ledger: the only way balances change. */
export interface LedgerRepository {
  /**
   * Records `transaction` and applies every posting to its account's balance, in this
   * unit of work. Returns 'duplicate', changing nothing, when its idempotency key was
   * posted before (concurrent posts of one key wait for each other). Throws
   * InsufficientFundsError when an account that may not go negative would.
   */
  post(transaction: LedgerTransaction): Promise<'posted' | 'duplicate'>;
  /** The account's balance, its row locked until the unit of work ends (check, then post, without a race). */
  lockBalance(account: AccountRef): Promise<bigint>;
  walletOf(ownerId: string): Promise<WalletBalances>;
  /** The owner's movements, newest first, strictly after `after`. */
  statement(ownerId: string, limit: number, after: StatementPosition | null): Promise<StatementLine[]>;
}

export interface DepositRepository {
  add(deposit: Deposit): Promise<void>;
  findById(id: string): Promise<Deposit | null>;
  /** Loads and locks the deposit row: concurrent confirmations of one deposit run one after another. */
  findByIdForUpdate(id: string): Promise<Deposit | null>;
  markConfirmed(id: string, at: Date): Promise<void>;
}

/** What `ReservationRepository.claim` did. */
export type ReservationClaim = { added: true } | { added: false; existing: Reservation };

/** The wallet's answers to investment requests. */
export interface ReservationRepository {
  /** Loads and locks the reservation of an investment. */
  findForUpdate(investmentId: string): Promise<Reservation | null>;
  /**
   * Stores `reservation` as the investment's answer unless it already has one; then nothing is
   * written and the existing one comes back, locked. Waits for a transaction that is storing
   * one, so of two at once one is added and the other gets it.
   */
  claim(reservation: Reservation): Promise<ReservationClaim>;
  setStatus(investmentIds: readonly string[], status: ReservationStatus, at: Date): Promise<void>;
  /** The CPR's reservations still in escrow, locked. */
  reservedForCprForUpdate(cprId: string): Promise<Reservation[]>;
}

/** The wallet's projection of CPRs (marketplace's events), holdings and schedules. */
export interface CprProjectionRepository {
  find(cprId: string): Promise<WalletCpr | null>;
  /** Records a cancellation; a CPR already known (e.g. disbursed) is left as it is. */
  recordCancelled(cprId: string, issuerId: string, at: Date): Promise<void>;
  /** Stores a disbursed CPR with its holdings and schedule. */
  addDisbursed(cpr: WalletCpr, holdings: Holding[], installments: ScheduledInstallment[]): Promise<void>;
  installment(cprId: string, number: number): Promise<ScheduledInstallment | null>;
}

/** A viewer asking for a payment. */
export interface PaymentAsk {
  paymentId: string;
  viewerId: string;
}

/** A payment asked for, with what decides whether its viewer may see it (canSeePayment). */
export interface PaymentWithRights {
  viewerId: string;
  payment: Payment;
  /** null when the CPR is unknown here (never for a payment: it is paid after disbursement). */
  issuerId: string | null;
  viewerHolds: boolean;
}

/**
 * Payments with their viewers' rights, for many viewers at once: every subscriber of a
 * payment event asks for the payment in the same instant, and the wallet answers them in
 * one indexed statement (persistence/batched-payment-rights.ts) instead of one each.
 */
export type PaymentRightsQuery = Pick<PaymentRepository, 'findWithRights'>;

export interface PaymentRepository {
  /** Throws ConflictError when the installment already has a payment. */
  add(payment: Payment): Promise<void>;
  findById(id: string): Promise<Payment | null>;
  /** The payments asked for, each with what decides whether its viewer may see it. */
  findWithRights(asks: readonly PaymentAsk[]): Promise<PaymentWithRights[]>;
  existsFor(cprId: string, installmentNumber: number): Promise<boolean>;
}

export interface DistributionCredit {
  distributionId: string;
  paymentId: string;
  cprId: string;
  installmentNumber: number;
  credits: { investorId: string; amount: bigint }[];
}

/** The wallet's events, recorded in the same transaction as the change that caused them. */
export interface WalletEvents {
  fundsReserved(reservation: Reservation): Promise<void>;
  fundsRejected(reservation: Reservation): Promise<void>;
  paymentConfirmed(payment: Payment, issuerId: string): Promise<void>;
  distributionCredited(credit: DistributionCredit): Promise<void>;
  depositConfirmed(deposit: Deposit): Promise<void>;
}

/** The repositories (and event outbox) of one database transaction. */
export interface WalletTransaction {
  ledger: LedgerRepository;
  deposits: DepositRepository;
  reservations: ReservationRepository;
  cprs: CprProjectionRepository;
  payments: PaymentRepository;
  events: WalletEvents;
}

/** Runs work in one database transaction: all of it commits, or none. */
export interface UnitOfWork {
  run<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction. */
  read<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

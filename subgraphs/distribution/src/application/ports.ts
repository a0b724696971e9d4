import type { Distribution } from '../domain/distribution.js';
import type { DisbursedCpr, Holding } from '../domain/holding.js';
import type { LineScope } from '../domain/line-visibility.js';

/** This subgraph's projection of disbursed CPRs and their holdings (from `marketplace.cpr.disbursed`). */
export interface HoldingsProjection {
  /**
   * Stores a disbursed CPR and all its holdings, in a number of statements that does not
   * grow with the holdings. Returns false, writing nothing, when the CPR was recorded before.
   */
  recordDisbursed(cpr: DisbursedCpr, holdings: readonly Holding[]): Promise<boolean>;
  find(cprId: string): Promise<DisbursedCpr | null>;
  /** Every holding of the CPR, in one query. */
  holdingsOf(cprId: string): Promise<Holding[]>;
}

/** A distribution as a viewer reads it: only the lines their scope allows, and whose CPR it is. */
export interface DistributionView {
  distribution: Distribution;
  issuerId: string;
}

export interface DistributionRepository {
  /**
   * Stores a distribution with all its lines in a constant number of statements (never
   * one per line). Returns 'exists', writing nothing, when its payment has one already
   * (a concurrent add of the same payment waits for the first to commit).
   */
  add(distribution: Distribution): Promise<'added' | 'exists'>;
  existsForPayment(paymentId: string): Promise<boolean>;
  /** Batched reads, one query each whatever the number of keys; lines limited to `scope`. */
  byIds(ids: readonly string[], scope: LineScope): Promise<DistributionView[]>;
  /** The CPRs' distributions, by installment number. */
  byCprIds(cprIds: readonly string[], scope: LineScope): Promise<DistributionView[]>;
  byPaymentIds(paymentIds: readonly string[], scope: LineScope): Promise<DistributionView[]>;
}

/** The subgraph's events, recorded in the same transaction as the change that caused them. */
export interface DistributionEvents {
  /** `distribution.distribution.completed`, with every line. */
  completed(distribution: Distribution): Promise<void>;
}

/** The repositories (and event outbox) of one database transaction. */
export interface DistributionTransaction {
  cprs: HoldingsProjection;
  distributions: DistributionRepository;
  events: DistributionEvents;
}

/** Runs work in one database transaction: all of it commits, or none. */
export interface UnitOfWork {
  run<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction. */
  read<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

import type { InvestmentCancellationReason } from '@peerseed/shared/domain';
import type { Cpr, Commodity } from '../domain/cpr.js';
import type { CprStatus } from '../domain/cpr-status.js';
import type { Installment } from '../domain/installment-schedule.js';
import type { Investment } from '../domain/investment.js';

/** Who may see which CPRs in a listing. */
export type CprVisibility = { kind: 'all' } | { kind: 'open-or-issued-by'; issuerId: string };

export interface CprPageQuery {
  status?: CprStatus | undefined;
  commodity?: Commodity | undefined;
  visibility: CprVisibility;
  /** Keyset cursor: rows strictly after (createdAt, id) in (createdAt desc, id desc) order. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export interface CprRepository {
  findById(id: string): Promise<Cpr | null>;
  /** Locks the CPR row until the transaction ends: invests and confirmations on one CPR serialise here. */
  findByIdForUpdate(id: string): Promise<Cpr | null>;
  findByIds(ids: readonly string[]): Promise<Cpr[]>;
  page(query: CprPageQuery): Promise<Cpr[]>;
  count(query: Omit<CprPageQuery, 'after' | 'limit'>): Promise<number>;
  add(cpr: Cpr): Promise<void>;
  /** Saves status, amounts and dates of a CPR loaded in this transaction. */
  save(cpr: Cpr): Promise<void>;
  saveSchedule(cprId: string, installments: Installment[]): Promise<void>;
  installmentsOf(cprIds: readonly string[]): Promise<Map<string, Installment[]>>;
  saveInstallment(cprId: string, installment: Installment): Promise<void>;
  /** OPEN offers past their deadline, locked, skipping rows another replica holds. */
  dueForClosing(now: Date, limit: number): Promise<Cpr[]>;
  /** PENDING installments of ACTIVE CPRs past due, locked likewise. */
  dueInstallments(now: Date, limit: number): Promise<{ cpr: Cpr; installment: Installment }[]>;
  stats(): Promise<{ commodity: Commodity; status: CprStatus; count: number; raised: bigint }[]>;
}

export interface InvestmentRepository {
  findById(id: string): Promise<Investment | null>;
  findByIdForUpdate(id: string): Promise<Investment | null>;
  byInvestor(investorId: string): Promise<Investment[]>;
  byCpr(cprId: string, statuses: Investment['status'][]): Promise<Investment[]>;
  /**
   * Serialises an investor's invests until the transaction ends, across all CPRs: without it
   * two invests in different offers each sum the year's total before the other commits, and
   * together pass the annual limit. Call it before {@link investedSince}.
   */
  lockInvestor(investorId: string): Promise<void>;
  /** Whether the investor holds part of the CPR (a CONFIRMED investment in it). */
  holds(investorId: string, cprId: string): Promise<boolean>;
  /** Pending + confirmed amounts of an investor since `since` (calendar-year limit). */
  investedSince(investorId: string, since: Date): Promise<bigint>;
  add(investment: Investment): Promise<void>;
  save(investment: Investment): Promise<void>;
}

/** Marketplace's domain events, recorded in the transaction of the change that caused them. */
export interface MarketplaceEventsPort {
  cprOpened(cpr: Cpr): Promise<void>;
  cprFunded(cpr: Cpr): Promise<void>;
  cprCancelled(cpr: Cpr, reason: string): Promise<void>;
  cprDisbursed(cpr: Cpr, holdings: Investment[]): Promise<void>;
  cprSettled(cpr: Cpr): Promise<void>;
  installmentLate(cpr: Cpr, installment: Installment): Promise<void>;
  investmentRequested(investment: Investment): Promise<void>;
  investmentConfirmed(investment: Investment): Promise<void>;
  investmentRejected(investment: Investment): Promise<void>;
  investmentCancelled(investment: Investment, reason: InvestmentCancellationReason): Promise<void>;
}

export interface MarketplaceTransaction {
  cprs: CprRepository;
  investments: InvestmentRepository;
  events: MarketplaceEventsPort;
}

export interface UnitOfWork {
  run<T>(work: (tx: MarketplaceTransaction) => Promise<T>): Promise<T>;
  read<T>(work: (tx: MarketplaceTransaction) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { Cpr } from '../domain/cpr.js';
import type { Investment } from '../domain/investment.js';
import type { InstallmentStatus } from '../domain/installment-schedule.js';

/** A CPR row: the domain's Cpr without its installments (their own table). */
export type CprRow = Omit<Cpr, 'installments'>;

export interface InstallmentRow {
  cprId: string;
  number: number;
  dueDate: Date;
  amount: bigint;
  status: InstallmentStatus;
  paidAt: Date | null;
}

const money = () => ({ type: new BigIntType('bigint') });

export const CprEntity = new EntitySchema<CprRow>({
  name: 'Cpr',
  tableName: 'cprs',
  indexes: [
    { name: 'cprs_listing_index', properties: ['createdAt', 'id'] },
    { name: 'cprs_status_index', properties: ['status', 'fundingDeadline'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'string', length: 40, unique: 'cprs_code_unique' },
    issuerId: { type: 'uuid', index: 'cprs_issuer_index' },
    title: { type: 'string', length: 140 },
    commodity: { type: 'string', length: 16 },
    quantity: money(),
    unit: { type: 'string', length: 16 },
    targetAmount: money(),
    minimumAmount: money(),
    fundedAmount: money(),
    pendingAmount: money(),
    annualRateBps: { type: 'integer' },
    fundingDeadline: { type: 'datetime', length: 3 },
    maturityDate: { type: 'datetime', length: 3 },
    installmentCount: { type: 'integer' },
    status: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', length: 3 },
    openedAt: { type: 'datetime', length: 3, nullable: true },
    disbursedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const InstallmentEntity = new EntitySchema<InstallmentRow>({
  name: 'Installment',
  tableName: 'installments',
  indexes: [{ name: 'installments_due_index', properties: ['status', 'dueDate'] }],
  properties: {
    cprId: { type: 'uuid', primary: true },
    number: { type: 'integer', primary: true },
    dueDate: { type: 'datetime', length: 3 },
    amount: money(),
    status: { type: 'string', length: 16 },
    paidAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const InvestmentEntity = new EntitySchema<Investment>({
  name: 'Investment',
  tableName: 'investments',
  indexes: [
    { name: 'investments_investor_index', properties: ['investorId', 'createdAt'] },
    { name: 'investments_cpr_index', properties: ['cprId', 'status'] },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    cprId: { type: 'uuid' },
    investorId: { type: 'uuid' },
    amount: money(),
    status: { type: 'string', length: 16 },
    rejectionReason: { type: 'string', length: 200, nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

export const marketplaceEntities = [CprEntity, InstallmentEntity, InvestmentEntity, ...eventEntities];

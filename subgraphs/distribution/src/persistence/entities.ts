import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { DisbursedCpr, Holding } from '../domain/holding.js';
import type { DistributionLineRecord, DistributionRecord } from './records.js';

// Column types match the committed migrations (test/persistence.test.ts checks there is no drift).
const centavos = () => ({ type: new BigIntType('bigint') });

export const CprEntity = new EntitySchema<DisbursedCpr>({
  name: 'DisbursedCpr',
  tableName: 'cprs',
  checks: [{ name: 'cprs_funded_amount_check', expression: 'funded_amount > 0' }],
  properties: {
    id: { type: 'uuid', primary: true },
    issuerId: { type: 'uuid' },
    fundedAmount: centavos(),
    disbursedAt: { type: 'datetime', length: 3 },
  },
});

export const HoldingEntity = new EntitySchema<Holding>({
  name: 'Holding',
  tableName: 'holdings',
  checks: [{ name: 'holdings_amount_check', expression: 'amount > 0' }],
  properties: {
    cprId: { type: 'uuid', primary: true },
    investmentId: { type: 'uuid', primary: true },
    investorId: { type: 'uuid' },
    amount: centavos(),
    investedAt: { type: 'datetime', length: 3 },
  },
});

export const DistributionEntity = new EntitySchema<DistributionRecord>({
  name: 'Distribution',
  tableName: 'distributions',
  // Cpr.distributions reads by CPR, in installment order.
  indexes: [{ name: 'distributions_cpr_index', properties: ['cprId', 'installmentNumber'] }],
  checks: [{ name: 'distributions_fee_check', expression: 'fee >= 0 and fee <= total' }],
  properties: {
    id: { type: 'uuid', primary: true },
    // One distribution per payment, whatever the events say: the last line of idempotency.
    paymentId: { type: 'uuid', unique: 'distributions_payment_unique' },
    cprId: { type: 'uuid' },
    installmentNumber: { type: 'integer' },
    total: centavos(),
    fee: centavos(),
    createdAt: { type: 'datetime', length: 3 },
  },
});

export const DistributionLineEntity = new EntitySchema<DistributionLineRecord>({
  name: 'DistributionLine',
  tableName: 'distribution_lines',
  checks: [{ name: 'distribution_lines_amount_check', expression: 'amount >= 0' }],
  properties: {
    // A foreign key to the distribution, read and written as a plain id.
    distributionId: {
      kind: 'm:1',
      entity: () => DistributionEntity,
      primary: true,
      mapToPk: true,
      fieldName: 'distribution_id',
      foreignKeyName: 'distribution_lines_distribution_fk',
      deleteRule: 'no action',
      updateRule: 'no action',
    } as never,
    investorId: { type: 'uuid', primary: true },
    position: { type: 'integer' },
    amount: centavos(),
  },
});

export const distributionEntities = [
  CprEntity,
  HoldingEntity,
  DistributionEntity,
  DistributionLineEntity,
  ...eventEntities,
];

import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { centavos, uuid } from './common.js';

/** A payment was split; the lines add up to `total - fee` exactly. */
export const DistributionCompleted = defineEvent(
  'DISTRIBUTION',
  'distribution.distribution.completed',
  1,
  z.object({
    distributionId: uuid,
    paymentId: uuid,
    cprId: uuid,
    installmentNumber: z.number().int().positive(),
    total: centavos,
    fee: centavos,
    lines: z.array(z.object({ investorId: uuid, amount: centavos })),
  }),
);

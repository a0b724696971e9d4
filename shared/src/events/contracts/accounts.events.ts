import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { isoTime, uuid } from './common.js';

/** A user signed up (or was created by an ADMIN). Ids and roles only: no personal data (LGPD). */
export const UserRegistered = defineEvent(
  'ACCOUNTS',
  'accounts.user.registered',
  1,
  z.object({
    userId: uuid,
    role: z.enum(['INVESTOR', 'PRODUCER', 'ADMIN', 'ANALYST']),
    personType: z.enum(['INDIVIDUAL', 'COMPANY']),
    registeredAt: isoTime,
  }),
);

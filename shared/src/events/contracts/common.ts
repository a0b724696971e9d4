import { z } from 'zod';

/** Money in events: integer centavos as a string (JSON numbers lose precision past 2^53). */
export const centavos = z.string().regex(/^-?\d+$/, 'integer centavos');
export const uuid = z.string().uuid();
export const isoTime = z.string().datetime({ offset: true });

import { PaymentType } from './payment.type.js';
import type { WalletContext } from './wallet-context.js';

/** Resolves `Payment` references from other subgraphs, batched per request, with the same visibility as `payment`. */
export async function resolvePaymentReference(
  reference: { id: string },
  ctx: WalletContext,
): Promise<PaymentType | null> {
  const payment = await ctx.payments.load(reference.id);
  return payment ? PaymentType.from(payment) : null;
}

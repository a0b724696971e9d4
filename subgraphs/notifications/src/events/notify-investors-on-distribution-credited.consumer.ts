import { WalletEvents } from '@peerseed/shared';
import { onDistributionCredited } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `wallet.distribution.credited` → each investor credited: DISTRIBUTION_CREDITED, with their amount. */
export const notifyInvestorsOnDistributionCredited = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-investors-on-distribution-credited', WalletEvents.DistributionCredited, (d) =>
    onDistributionCredited({
      cprId: d.cprId,
      installmentNumber: d.installmentNumber,
      credits: d.credits.map((c) => ({ investorId: c.investorId, amount: BigInt(c.amount) })),
    }),
  );

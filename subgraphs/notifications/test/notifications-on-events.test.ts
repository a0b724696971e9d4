import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import {
  eventually,
  handled,
  investor,
  notificationsOf,
  producer,
  startTestNotifications,
  type TestNotifications,
} from './support/test-notifications.js';

// Each event a person should hear about, published as its producer would, and what is stored.
describe('events become notifications for the right people (real PostgreSQL and JetStream)', () => {
  let app: TestNotifications;
  beforeAll(async () => {
    app = await startTestNotifications();
  });
  afterAll(async () => {
    await app.stop();
  });

  const cprId = 'a1b2c3d4-0000-4000-8000-000000000001';
  const code = 'CPR A1B2C3D4';
  const issuer = producer();
  const [ana, bruno] = [investor(), investor()];

  it('marketplace.investment.confirmed → the investor', async () => {
    const investmentId = randomUUID();
    const id = await app.publish(MarketplaceEvents.InvestmentConfirmed, cprId, {
      investmentId,
      cprId,
      investorId: ana.id,
      amount: '150000',
    });
    await handled(app, 'notify-investor-on-investment-confirmed', id);
    expect(await notificationsOf(app, id)).toEqual([
      {
        recipient_id: ana.id,
        kind: 'INVESTMENT_CONFIRMED',
        title: 'Investimento confirmado',
        body: `Seu investimento de R$ 1.500,00 na ${code} foi confirmado.`,
      },
    ]);
  });

  it('marketplace.investment.rejected → the investor, with the reason in words', async () => {
    const id = await app.publish(MarketplaceEvents.InvestmentRejected, cprId, {
      investmentId: randomUUID(),
      cprId,
      investorId: bruno.id,
      amount: '2000000',
      reason: 'INSUFFICIENT_FUNDS',
    });
    await handled(app, 'notify-investor-on-investment-rejected', id);
    const [rejected] = await notificationsOf(app, id);
    expect(rejected).toMatchObject({ recipient_id: bruno.id, kind: 'INVESTMENT_REJECTED' });
    expect(rejected!.body).toContain('R$ 20.000,00');
    expect(rejected!.body).toContain('porque o saldo disponível na sua carteira era insuficiente');
  });

  it('marketplace.cpr.funded → the issuer', async () => {
    const id = await app.publish(MarketplaceEvents.CprFunded, cprId, {
      cprId,
      issuerId: issuer.id,
      fundedAmount: '10000000',
    });
    await handled(app, 'notify-issuer-on-cpr-funded', id);
    expect(await notificationsOf(app, id)).toEqual([
      expect.objectContaining({ recipient_id: issuer.id, kind: 'OFFER_FUNDED', title: 'Captação concluída' }),
    ]);
  });

  it('marketplace.cpr.cancelled → the issuer; each refunded investment → its investor', async () => {
    const cancelled = await app.publish(MarketplaceEvents.CprCancelled, cprId, {
      cprId,
      issuerId: issuer.id,
      reason: 'MINIMUM_NOT_REACHED',
    });
    const refund = await app.publish(MarketplaceEvents.InvestmentCancelled, cprId, {
      investmentId: randomUUID(),
      cprId,
      investorId: ana.id,
      amount: '50000',
      reason: 'OFFER_CANCELLED',
    });
    await handled(app, 'notify-issuer-on-cpr-cancelled', cancelled);
    await handled(app, 'notify-investor-on-investment-cancelled', refund);
    const [toIssuer] = await notificationsOf(app, cancelled);
    expect(toIssuer).toMatchObject({ recipient_id: issuer.id, kind: 'OFFER_CANCELLED' });
    expect(toIssuer!.body).toContain('o valor mínimo não foi captado até o prazo');
    const [toInvestor] = await notificationsOf(app, refund);
    expect(toInvestor).toMatchObject({ recipient_id: ana.id, kind: 'OFFER_CANCELLED' });
    expect(toInvestor!.body).toContain('R$ 500,00 foi devolvido');
  });

  it('a withdrawal (the investor cancelled it) tells no one', async () => {
    const id = await app.publish(MarketplaceEvents.InvestmentCancelled, cprId, {
      investmentId: randomUUID(),
      cprId,
      investorId: bruno.id,
      amount: '50000',
      reason: 'WITHDRAWN',
    });
    await handled(app, 'notify-investor-on-investment-cancelled', id);
    expect(await notificationsOf(app, id)).toEqual([]);
  });

  it('marketplace.cpr.disbursed → the issuer and each holder once', async () => {
    const holding = (investorId: string, amount: string) => ({
      investmentId: randomUUID(),
      investorId,
      amount,
      investedAt: new Date().toISOString(),
    });
    const id = await app.publish(MarketplaceEvents.CprDisbursed, cprId, {
      cprId,
      issuerId: issuer.id,
      fundedAmount: '100000',
      holdings: [holding(ana.id, '40000'), holding(bruno.id, '40000'), holding(ana.id, '20000')],
      installments: [
        { number: 1, dueDate: '2027-01-15T15:00:00.000Z', amount: '50000' },
        { number: 2, dueDate: '2027-02-15T15:00:00.000Z', amount: '50000' },
      ],
    });
    await handled(app, 'notify-issuer-and-holders-on-cpr-disbursed', id);
    const stored = await notificationsOf(app, id);
    expect(stored.map((n) => n.recipient_id).sort()).toEqual([issuer.id, ana.id, bruno.id].sort());
    expect(stored.every((n) => n.kind === 'CPR_DISBURSED')).toBe(true);
    const toAna = stored.find((n) => n.recipient_id === ana.id)!;
    expect(toAna.body).toContain('investiu R$ 600,00');
    expect(toAna.body).toContain('em 2 parcelas; a primeira vence em 15/01/2027');
  });

  it('wallet.payment.confirmed → the issuer', async () => {
    const paymentId = randomUUID();
    const id = await app.publish(WalletEvents.PaymentConfirmed, paymentId, {
      paymentId,
      cprId,
      issuerId: issuer.id,
      installmentNumber: 1,
      amount: '51234',
      paidAt: new Date().toISOString(),
    });
    await handled(app, 'notify-issuer-on-payment-confirmed', id);
    expect(await notificationsOf(app, id)).toEqual([
      {
        recipient_id: issuer.id,
        kind: 'PAYMENT_CONFIRMED',
        title: 'Pagamento confirmado',
        body: `O pagamento de R$ 512,34 da parcela 1 da ${code} foi confirmado.`,
      },
    ]);
  });

  it('wallet.distribution.credited → each investor credited, with their amount', async () => {
    const distributionId = randomUUID();
    const id = await app.publish(WalletEvents.DistributionCredited, distributionId, {
      distributionId,
      paymentId: randomUUID(),
      cprId,
      installmentNumber: 2,
      credits: [
        { investorId: ana.id, amount: '12345' },
        { investorId: bruno.id, amount: '8230' },
      ],
    });
    await handled(app, 'notify-investors-on-distribution-credited', id);
    const stored = await notificationsOf(app, id);
    expect(stored).toHaveLength(2);
    expect(stored.find((n) => n.recipient_id === ana.id)).toEqual({
      recipient_id: ana.id,
      kind: 'DISTRIBUTION_CREDITED',
      title: 'Pagamento recebido',
      body: `Você recebeu R$ 123,45 referentes à parcela 2 da ${code}.`,
    });
    expect(stored.find((n) => n.recipient_id === bruno.id)!.body).toContain('R$ 82,30');
  });

  it('marketplace.installment.late → the issuer', async () => {
    const id = await app.publish(MarketplaceEvents.InstallmentLate, cprId, {
      cprId,
      issuerId: issuer.id,
      number: 3,
      dueDate: '2027-03-15T15:00:00.000Z',
    });
    await handled(app, 'notify-issuer-on-installment-late', id);
    const [late] = await notificationsOf(app, id);
    expect(late).toMatchObject({ recipient_id: issuer.id, kind: 'INSTALLMENT_LATE', title: 'Parcela em atraso' });
    expect(late!.body).toContain(`A parcela 3 da ${code}, com vencimento em 15/03/2027, está em atraso.`);
  });

  it('every notification has one email to its recipient, and was announced after its commit', async () => {
    const notifications = Number((await app.sql<{ n: string }>('select count(*) as n from notifications'))[0]!.n);
    await eventually(async () => app.mail.sent.length === notifications, 'every email sent');
    const pending = await app.sql(`select 1 from email_outbox where status <> 'SENT'`);
    expect(pending).toEqual([]);
    expect(app.mail.to(issuer.id).map((m) => m.subject)).toEqual(
      expect.arrayContaining(['Peerseed: Pagamento confirmado', 'Peerseed: Parcela em atraso']),
    );
    expect(app.mail.to(ana.id).find((m) => m.subject === 'Peerseed: Pagamento recebido')!.text).toContain(
      `Você recebeu R$ 123,45 referentes à parcela 2 da ${code}.`,
    );
    expect(app.announced).toHaveLength(notifications);
  });

  it('every notification is published as notifications.notification.added, ids and kind only', async () => {
    const stored = await app.sql<{ id: string; recipient_id: string; kind: string; created_at: Date }>(
      'select id, recipient_id, kind, created_at from notifications order by id',
    );
    expect(stored.length).toBeGreaterThan(0);
    // The relay marks a row published once JetStream acknowledged it.
    await eventually(
      async () => (await app.sql(`select 1 from outbox_events where published_at is null`)).length === 0,
      'the outbox relayed',
    );
    const events = await app.sql<{ id: string; stream: string; subject: string; envelope: string }>(
      'select id, stream, subject, envelope from outbox_events order by id',
    );
    expect(events.map((e) => [e.id, e.stream, e.subject])).toEqual(
      stored.map((n) => [n.id, 'NOTIFICATIONS', 'notifications.notification.added']),
    );
    expect(events.map((e) => JSON.parse(e.envelope))).toEqual(
      stored.map((n) =>
        expect.objectContaining({
          id: n.id,
          type: 'peerseed.notifications.notification.added.v1',
          subject: n.id,
          data: {
            notificationId: n.id,
            recipientId: n.recipient_id,
            kind: n.kind,
            createdAt: new Date(n.created_at).toISOString(),
          },
        }),
      ),
    );
  });
});

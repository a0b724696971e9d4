import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@peerseed/shared';
import {
  ApproveCprDocument,
  ConfirmDepositDocument,
  CprDetailDocument,
  CreateCprDocument,
  DisburseCprDocument,
  InvestDocument,
  MyInvestmentsDocument,
  MyWalletDocument,
  PayInstallmentDocument,
  MarkNotificationReadDocument,
  MyNotificationsDocument,
  PaymentDistributionDocument,
  PaymentDocument,
  RequestDepositDocument,
  SubmitCprDocument,
} from '../generated/graphql.js';
import { errorCodes, execute } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { loginAdmin, registerUser } from '../support/users.js';

const day = 86_400_000;

/** Polls a query until `done` holds (events cross services asynchronously). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('offer → invest → disburse → pay, through the gateway (design.md flows 2–5)', () => {
  let stack: TestStack;
  let url: string;
  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const deposit = async (token: string, amount: string, adminToken: string) => {
    const requested = await execute(url, RequestDepositDocument, { amount }, token);
    await execute(url, ConfirmDepositDocument, { id: requested.data!.requestDeposit.id }, adminToken);
  };
  const wallet = async (token: string) => (await execute(url, MyWalletDocument, {}, token)).data!.myWallet;

  it('runs the whole saga across accounts, marketplace and wallet', async () => {
    const admin = await loginAdmin(url);
    const producer = await registerUser(url, 'PRODUCER', 'Fazenda Santa Clara');
    const rich = await registerUser(url, 'INVESTOR', 'Investidora Rica');
    const poor = await registerUser(url, 'INVESTOR', 'Investidor Sem Saldo');
    await deposit(rich.token, '15000.00', admin.token);
    await deposit(producer.token, '5000.00', admin.token);
    expect(await wallet(rich.token)).toMatchObject({
      available: { amount: '15000.00', currency: 'BRL' },
      escrowed: { amount: '0.00' },
      owner: { name: 'Investidora Rica' },
    });

    // 2. Offer a CPR
    const created = await execute(
      url,
      CreateCprDocument,
      {
        input: {
          title: 'Café arábica safra 27',
          commodity: 'COFFEE',
          quantity: '300',
          unit: 'SACA_60KG',
          targetAmount: '10000.00',
          minimumAmount: '7000.00',
          annualRate: '12.00',
          fundingDeadline: new Date(Date.now() + 30 * day).toISOString(),
          maturityDate: new Date(Date.now() + 365 * day).toISOString(),
          installmentCount: 2,
        },
      },
      producer.token,
    );
    const cprId = created.data!.createCpr.id;
    await execute(url, SubmitCprDocument, { id: cprId }, producer.token);
    expect((await execute(url, ApproveCprDocument, { id: cprId }, admin.token)).data!.approveCpr.status).toBe('OPEN');

    // 3. Invest: the wallet reserves (CONFIRMED) or cannot (REJECTED: INSUFFICIENT_FUNDS)
    const investing = await execute(url, InvestDocument, { cprId, amount: '10000.00' }, rich.token);
    expect(investing.data!.invest.status).toBe('PENDING');
    await execute(url, InvestDocument, { cprId, amount: '1.00' }, poor.token).catch(() => undefined);
    const confirmed = await until(
      () => execute(url, MyInvestmentsDocument, {}, rich.token),
      (r) => r.data!.myInvestments[0]?.status === 'CONFIRMED',
    );
    expect(confirmed.data!.myInvestments[0]).toMatchObject({
      status: 'CONFIRMED',
      cpr: { id: cprId },
      investor: { name: 'Investidora Rica' },
    });
    expect(await wallet(rich.token)).toMatchObject({
      available: { amount: '5000.00' },
      escrowed: { amount: '10000.00' },
    });
    const funded = await until(
      () => execute(url, CprDetailDocument, { id: cprId }, admin.token),
      (r) => r.data!.cpr!.status === 'FUNDED',
    );
    expect(funded.data!.cpr).toMatchObject({
      status: 'FUNDED',
      fundedAmount: { amount: '10000.00' },
      issuer: { name: 'Fazenda Santa Clara' },
    });

    // 4. Disburse: schedule fixed; escrow to the issuer minus the 3% origination fee
    const disbursed = await execute(url, DisburseCprDocument, { id: cprId }, admin.token);
    expect(disbursed.data!.disburseCpr.status).toBe('ACTIVE');
    const installments = disbursed.data!.disburseCpr.installments;
    expect(installments).toHaveLength(2);
    const producerWallet = await until(
      () => wallet(producer.token),
      (w) => w.available.amount !== '5000.00',
    );
    expect(producerWallet.available.amount).toBe('14700.00'); // 5,000.00 + 10,000.00 − 300.00
    expect(await wallet(rich.token)).toMatchObject({ available: { amount: '5000.00' }, escrowed: { amount: '0.00' } });

    // 5. Pay an installment: PagamentoConfirmado; the marketplace marks it PAID
    const strangerPays = await execute(url, PayInstallmentDocument, { cprId, number: 1 }, rich.token);
    expect(errorCodes(strangerPays)[0]).toMatch(/FORBIDDEN|NOT_FOUND/);
    const paid = await execute(url, PayInstallmentDocument, { cprId, number: 1 }, producer.token);
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.payInstallment).toMatchObject({
      status: 'CONFIRMED',
      installmentNumber: 1,
      amount: { amount: installments[0]!.amount.amount },
      cpr: { id: cprId, title: 'Café arábica safra 27', issuer: { name: 'Fazenda Santa Clara' } },
    });
    const again = await execute(url, PayInstallmentDocument, { cprId, number: 1 }, producer.token);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const marked = await until(
      () => execute(url, CprDetailDocument, { id: cprId }, producer.token),
      (r) => r.data!.cpr!.installments[0]!.status === 'PAID',
    );
    expect(marked.data!.cpr!.installments.map((i) => i.status)).toEqual(['PAID', 'PENDING']);
    const payment = await execute(url, PaymentDocument, { id: paid.data!.payInstallment.id }, producer.token);
    expect(payment.data!.payment).toMatchObject({ status: 'CONFIRMED', cpr: { id: cprId, status: 'ACTIVE' } });
    const expected = (14_700_00 - Number(installments[0]!.amount.amount.replace('.', ''))) / 100;
    expect((await wallet(producer.token)).available.amount).toBe(expected.toFixed(2));

    // 6. Distribute: split among the holders (one here, fee 0) and credited by the wallet
    const paymentId = paid.data!.payInstallment.id;
    const distributed = await until(
      () => execute(url, PaymentDistributionDocument, { id: paymentId }, rich.token),
      (r) => Boolean(r.data?.payment?.distribution),
    );
    const distribution = distributed.data!.payment!.distribution!;
    expect(distribution).toMatchObject({
      total: { amount: installments[0]!.amount.amount },
      fee: { amount: '0.00' },
      lines: [
        { investor: { id: rich.id, name: 'Investidora Rica' }, amount: { amount: installments[0]!.amount.amount } },
      ],
    });
    const credited = await until(
      () => wallet(rich.token),
      (w) => w.available.amount !== '5000.00',
    );
    const richExpected = (5_000_00 + Number(installments[0]!.amount.amount.replace('.', ''))) / 100;
    expect(credited.available.amount).toBe(richExpected.toFixed(2));

    // …and people are told, in Portuguese, amounts in reais
    const kinds = async (token: string) =>
      ((await execute(url, MyNotificationsDocument, { first: 20 }, token)).data?.myNotifications.edges ?? []).map(
        (e) => e.node,
      );
    const investorNews = await until(
      () => kinds(rich.token),
      (n) => n.some((x) => x.kind === 'DISTRIBUTION_CREDITED'),
    );
    expect(investorNews.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['INVESTMENT_CONFIRMED', 'CPR_DISBURSED', 'DISTRIBUTION_CREDITED']),
    );
    const credit = investorNews.find((n) => n.kind === 'DISTRIBUTION_CREDITED')!;
    expect(credit.body).toContain(Money.parse(installments[0]!.amount.amount).formatBRL());
    const issuerNews = await until(
      () => kinds(producer.token),
      (n) => n.some((x) => x.kind === 'PAYMENT_CONFIRMED'),
    );
    expect(issuerNews.map((n) => n.kind)).toEqual(expect.arrayContaining(['OFFER_FUNDED', 'PAYMENT_CONFIRMED']));
    const read = await execute(url, MarkNotificationReadDocument, { id: credit.id }, rich.token);
    expect(read.data!.markNotificationRead.readAt).not.toBeNull();
    const someoneElses = await execute(url, MarkNotificationReadDocument, { id: credit.id }, producer.token);
    expect(errorCodes(someoneElses)).toEqual(['NOT_FOUND']);
    const unread = await execute(url, MyNotificationsDocument, { first: 20, unreadOnly: true }, rich.token);
    expect(unread.data!.myNotifications.edges.map((e) => e.node.id)).not.toContain(credit.id);
  });

  it('refuses bad money input with BAD_USER_INPUT and moves nothing', async () => {
    const investor = await registerUser(url, 'INVESTOR');
    for (const amount of ['-5.00', '0', '1.001', '1,00', 'abc']) {
      const result = await execute(url, RequestDepositDocument, { amount }, investor.token);
      expect({ amount, codes: errorCodes(result) }).toEqual({ amount, codes: ['BAD_USER_INPUT'] });
    }
    expect(await wallet(investor.token)).toMatchObject({ available: { amount: '0.00' }, escrowed: { amount: '0.00' } });
  });
});

import {
  ApproveCprDocument,
  ConfirmDepositDocument,
  CreateCprDocument,
  CprDetailDocument,
  DisburseCprDocument,
  InvestDocument,
  MyInvestmentsDocument,
  PayInstallmentDocument,
  RequestDepositDocument,
  SubmitCprDocument,
} from '../generated/graphql.js';
import { execute } from '../support/graphql-client.js';
import { loginAdmin, registerUser } from '../support/users.js';

const day = 86_400_000;

/**
 * An OPEN CPR of R$ 10.000,00 and its people: the issuer, an investor with R$ 10.000,00
 * in the wallet who has not invested yet, another investor holding nothing.
 */
export async function openCpr(url: string, installmentCount = 3) {
  const admin = await loginAdmin(url);
  const producer = await registerUser(url, 'PRODUCER', 'Fazenda Boa Vista');
  const investor = await registerUser(url, 'INVESTOR', 'Investidora Assinante');
  const outsider = await registerUser(url, 'INVESTOR', 'Investidor De Fora');
  const deposit = async (token: string, amount: string) => {
    const requested = await execute(url, RequestDepositDocument, { amount }, token);
    await execute(url, ConfirmDepositDocument, { id: requested.data!.requestDeposit.id }, admin.token);
  };
  await deposit(investor.token, '10000.00');
  await deposit(producer.token, '10000.00');
  const created = await execute(
    url,
    CreateCprDocument,
    {
      input: {
        title: 'Soja safra 27',
        commodity: 'SOY',
        quantity: '500',
        unit: 'SACA_60KG',
        targetAmount: '10000.00',
        minimumAmount: '7000.00',
        annualRate: '12.00',
        fundingDeadline: new Date(Date.now() + 30 * day).toISOString(),
        maturityDate: new Date(Date.now() + 365 * day).toISOString(),
        installmentCount,
      },
    },
    producer.token,
  );
  if (!created.data) throw new Error(`createCpr: ${JSON.stringify(created.errors)}`);
  const cprId = created.data.createCpr.id;
  await execute(url, SubmitCprDocument, { id: cprId }, producer.token);
  await execute(url, ApproveCprDocument, { id: cprId }, admin.token);
  const invest = async () => {
    const invested = await execute(url, InvestDocument, { cprId, amount: '10000.00' }, investor.token);
    if (!invested.data) throw new Error(`invest: ${JSON.stringify(invested.errors)}`);
  };
  return { admin, producer, investor, outsider, cprId, invest };
}

/**
 * The flow of invest-disburse-pay.e2e.test.ts up to an ACTIVE CPR with installments to
 * pay: an issuer, one investor holding it all, another investor holding nothing.
 */
export async function activeCpr(url: string, installmentCount = 3) {
  const { admin, producer, investor, outsider, cprId, invest } = await openCpr(url, installmentCount);
  await invest();
  // Events cross services asynchronously.
  const poll = async (read: () => Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await read())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await poll(
    async () =>
      (await execute(url, MyInvestmentsDocument, {}, investor.token)).data?.myInvestments[0]?.status === 'CONFIRMED',
  );
  await poll(
    async () => (await execute(url, CprDetailDocument, { id: cprId }, admin.token)).data?.cpr?.status === 'FUNDED',
  );
  const disbursed = await execute(url, DisburseCprDocument, { id: cprId }, admin.token);
  if (!disbursed.data) throw new Error(`disburseCpr: ${JSON.stringify(disbursed.errors)}`);
  const pay = async (number: number) => {
    let paid = await execute(url, PayInstallmentDocument, { cprId, number }, producer.token);
    // The wallet learns of the disbursement from an event: right after it, it may not know yet.
    await poll(async () => {
      if (paid.errors?.[0]?.extensions?.code !== 'NOT_FOUND') return true;
      paid = await execute(url, PayInstallmentDocument, { cprId, number }, producer.token);
      return false;
    });
    if (!paid.data) throw new Error(`payInstallment: ${JSON.stringify(paid.errors)}`);
    return paid.data.payInstallment.id;
  };
  return { admin, producer, investor, outsider, cprId, pay };
}

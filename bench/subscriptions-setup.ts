import { eventually } from '@peerseed/shared/testing';
import { adminToken, gql, register } from './gql.js';

const day = 86_400_000;

/** Runs `task` for 0…count-1, `concurrency` at a time. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * An ACTIVE CPR through the gateway, as the product makes one: a producer issues it,
 * `investors` investors fund it R$ 100.00 each, the admin disburses it; the producer has
 * the money for its `installments`. Returns access tokens (valid 15 minutes).
 */
export async function fundedCpr(url: string, investors: number, installments: number) {
  const admin = await adminToken(url);
  const deposit = async (token: string, amount: string) => {
    const { requestDeposit } = await gql(
      url,
      `mutation ($a: Decimal!) { requestDeposit(amount: $a) { id } }`,
      { a: amount },
      token,
    );
    await gql(url, `mutation ($id: ID!) { confirmDeposit(id: $id) { id } }`, { id: requestDeposit.id }, admin);
  };
  const issuer = await register(url, 'PRODUCER', 0);
  await deposit(issuer, '1000000.00');
  const tokens = await pool(investors, 4, async (i) => {
    const token = await register(url, 'INVESTOR', i + 1);
    await deposit(token, '100.00');
    return token;
  });
  const target = investors * 100;
  const input = {
    title: 'Soja safra 27 (bench)',
    commodity: 'SOY',
    quantity: '5000',
    unit: 'SACA_60KG',
    targetAmount: `${target}.00`,
    minimumAmount: `${Math.ceil((target * 2) / 3)}.00`,
    annualRate: '12.00',
    fundingDeadline: new Date(Date.now() + 30 * day).toISOString(),
    maturityDate: new Date(Date.now() + 365 * day).toISOString(),
    installmentCount: installments,
  };
  const id = (await gql(url, `mutation ($i: CreateCprInput!) { createCpr(input: $i) { id } }`, { i: input }, issuer))
    .createCpr.id as string;
  await gql(url, `mutation ($id: ID!) { submitCpr(id: $id) { id } }`, { id }, issuer);
  await gql(url, `mutation ($id: ID!) { approveCpr(id: $id) { id } }`, { id }, admin);
  await pool(investors, 4, (i) =>
    gql(url, `mutation ($c: ID!) { invest(cprId: $c, amount: "100.00") { id } }`, { c: id }, tokens[i]),
  );
  const status = async () => (await gql(url, `query ($id: ID!) { cpr(id: $id) { status } }`, { id }, admin)).cpr.status;
  await eventually(async () => (await status()) === 'FUNDED', 'the CPR to be FUNDED', 120_000);
  await gql(url, `mutation ($id: ID!) { disburseCpr(id: $id) { id } }`, { id }, admin);
  // The wallet learns of the disbursement from an event; the schedule is then payable.
  const centavos = async () => {
    const { myWallet } = await gql(url, `query { myWallet { available { amount } } }`, {}, issuer);
    return BigInt((myWallet.available.amount as string).replace('.', ''));
  };
  await eventually(async () => (await centavos()) > 100_000_000n, 'the disbursement at the wallet', 120_000);
  return { id, issuer, investors: tokens };
}

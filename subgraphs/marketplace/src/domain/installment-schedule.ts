export type InstallmentStatus = 'PENDING' | 'PAID' | 'LATE';

export interface Installment {
  number: number;
  dueDate: Date;
  /** Centavos. */
  amount: bigint;
  status: InstallmentStatus;
  paidAt: Date | null;
}

const SCALE = 10n ** 18n;

/** (1 + r)^n in fixed point with 18 decimals. */
function powFixed(onePlusRate: bigint, n: number): bigint {
  let result = SCALE;
  for (let i = 0; i < n; i++) result = (result * onePlusRate) / SCALE;
  return result;
}

const roundDiv = (a: bigint, b: bigint) => (a * 2n + b) / (b * 2n);

/**
 * Price (French) amortization of `principal` centavos at `annualRateBps`, in `count`
 * equal installments: PMT = P·i / (1 − (1+i)^−n) with the monthly-equivalent rate
 * i = (1 + a)^(1/12) − 1 approximated per period as (1 + a)^(Δ/365) over the actual
 * spacing. Rounded to centavos (down); the last installment absorbs the difference,
 * so the installments' interest + principal add up to exactly principal + interest.
 * Arithmetic in bigint fixed point: no floats touch money.
 */
export function priceSchedule(
  principal: bigint,
  annualRateBps: number,
  count: number,
  start: Date,
  maturity: Date,
): Installment[] {
  const spanMs = maturity.getTime() - start.getTime();
  const periodMs = Math.floor(spanMs / count);
  const dueDates = Array.from(
    { length: count },
    (_, i) => new Date(i === count - 1 ? maturity.getTime() : start.getTime() + periodMs * (i + 1)),
  );
  // Periodic rate from the annual rate, compounding: (1 + a)^(period/365 days) − 1, by Newton-free binary exponent.
  const periodRate = periodicRate(annualRateBps, periodMs / 86_400_000);
  if (periodRate === 0n) {
    const base = principal / BigInt(count);
    return dueDates.map((dueDate, i) => ({
      number: i + 1,
      dueDate,
      amount: i === count - 1 ? principal - base * BigInt(count - 1) : base,
      status: 'PENDING' as const,
      paidAt: null,
    }));
  }
  const growth = powFixed(SCALE + periodRate, count);
  // PMT = P · i · g / (g − 1), rounded down: each installment then pays at most its exact
  // share, the balance never falls below the exact one, and the last installment absorbs a
  // difference that is never negative. Rounded half up, the overpaid fractions compound and,
  // at a high rate over a long term, could leave the last installment at zero or below.
  const payment = (principal * periodRate * growth) / (SCALE * (growth - SCALE));
  // Walk the balance to find what the last installment must be.
  let balance = principal * SCALE;
  const amounts: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const interest = (balance * periodRate) / SCALE;
    if (i < count - 1) {
      amounts.push(payment);
      balance = balance + interest - payment * SCALE;
    } else {
      amounts.push(roundDiv(balance + interest, SCALE));
    }
  }
  return dueDates.map((dueDate, i) => ({
    number: i + 1,
    dueDate,
    amount: amounts[i]!,
    status: 'PENDING' as const,
    paidAt: null,
  }));
}

/** (1 + annualRate)^(days/365) − 1 in 18-decimal fixed point, by exp/ln series in bigint. */
export function periodicRate(annualRateBps: number, days: number): bigint {
  if (annualRateBps === 0) return 0n;
  // ln(1 + a) by the atanh series: ln(x) = 2·atanh((x−1)/(x+1)).
  const x = SCALE + (BigInt(annualRateBps) * SCALE) / 10_000n;
  const y = ((x - SCALE) * SCALE) / (x + SCALE);
  let term = y;
  let sum = 0n;
  const y2 = (y * y) / SCALE;
  for (let k = 1n; term !== 0n && k < 200n; k += 2n) {
    sum += term / k;
    term = (term * y2) / SCALE;
  }
  const lnX = 2n * sum;
  // exponent = ln(1+a) · days/365, kept exact with integer days scaled by 1e6.
  const exponent = (lnX * BigInt(Math.round(days * 1_000_000))) / (365n * 1_000_000n);
  // e^exponent − 1 by the Taylor series.
  let result = 0n;
  let power = SCALE;
  for (let k = 1n; k < 60n; k++) {
    power = (power * exponent) / (SCALE * k);
    if (power === 0n) break;
    result += power;
  }
  return result;
}

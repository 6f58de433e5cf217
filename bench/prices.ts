/**
 * What the benchmarks' units cost: DynamoDB on-demand request prices, one place for every
 * benchmark. docs/benchmarks.md states where the figures come from and how far they were checked.
 */
import type { OperationTotals } from './tools/capacity-meter.ts';

export const onDemandPrices = {
  region: 'us-east-1',
  /** In force since the on-demand price cut of 1 November 2024 (half the earlier prices). */
  since: '2024-11-01',
  usdPerMillionWriteRequestUnits: 0.625,
  usdPerMillionReadRequestUnits: 0.125,
} as const;

/** Lambda (arm64 is cheaper; x86_64 here, the more expensive, to stay on the safe side) for the 10-million model. */
export const lambdaPrices = {
  region: 'us-east-1',
  usdPerGbSecond: 0.0000166667,
  usdPerMillionRequests: 0.2,
} as const;

export interface Bill {
  readonly readUsd: number;
  readonly writeUsd: number;
  readonly usd: number;
}

/** The on-demand price of AWS-billed request units. */
export function billFor(units: { readonly readRequestUnits: number; readonly writeRequestUnits: number }): Bill {
  const readUsd = (units.readRequestUnits * onDemandPrices.usdPerMillionReadRequestUnits) / 1e6;
  const writeUsd = (units.writeRequestUnits * onDemandPrices.usdPerMillionWriteRequestUnits) / 1e6;
  return { readUsd, writeUsd, usd: readUsd + writeUsd };
}

/** The price of what a capacity meter saw, as AWS would bill it. */
export function billOfTotals(totals: Pick<OperationTotals, 'billedReadRequestUnits' | 'billedWriteRequestUnits'>): Bill {
  return billFor({ readRequestUnits: totals.billedReadRequestUnits, writeRequestUnits: totals.billedWriteRequestUnits });
}

/** Dollars with enough digits to tell small runs apart: $0.0123, $1.23, $1,234. */
export function usd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 100) return `$${Math.round(amount).toLocaleString('en-US')}`;
  // Three significant digits.
  const decimals = Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(amount))));
  return `$${amount.toFixed(decimals)}`;
}

/** One line for a report: the prices used. */
export function pricesLine(): string {
  return (
    `prices: DynamoDB on-demand ${onDemandPrices.region} since ${onDemandPrices.since}: ` +
    `$${onDemandPrices.usdPerMillionWriteRequestUnits} per million write request units, $${onDemandPrices.usdPerMillionReadRequestUnits} per million read request units (docs/benchmarks.md)`
  );
}

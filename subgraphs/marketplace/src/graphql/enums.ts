import { registerEnumType } from 'type-graphql';
import { Commodities, CommodityUnits } from '../domain/cpr.js';
import { CprStatus } from '../domain/cpr-status.js';

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CommodityEnum = asEnum(Commodities);
export const CommodityUnitEnum = asEnum(CommodityUnits);
export const CprStatusEnum = CprStatus;
export const InstallmentStatusEnum = asEnum(['PENDING', 'PAID', 'LATE'] as const);
export const InvestmentStatusEnum = asEnum(['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'REFUNDED'] as const);

registerEnumType(CommodityEnum, { name: 'Commodity' });
registerEnumType(CommodityUnitEnum, { name: 'CommodityUnit' });
registerEnumType(CprStatusEnum, { name: 'CprStatus' });
registerEnumType(InstallmentStatusEnum, { name: 'InstallmentStatus' });
registerEnumType(InvestmentStatusEnum, { name: 'InvestmentStatus' });

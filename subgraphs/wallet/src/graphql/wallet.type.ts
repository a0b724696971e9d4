import { MoneyType, UserReference } from '@peerseed/shared';
import { Field, ObjectType } from 'type-graphql';
import type { WalletBalances } from '../application/ports.js';

@ObjectType('Wallet')
export class WalletType {
  @Field(() => UserReference)
  owner!: UserReference;

  @Field(() => MoneyType, { description: 'What the owner can spend or invest now' })
  available!: MoneyType;

  @Field(() => MoneyType, { description: 'Reserved for investments not yet disbursed' })
  escrowed!: MoneyType;

  static from(ownerId: string, balances: WalletBalances): WalletType {
    return Object.assign(new WalletType(), {
      owner: UserReference.of(ownerId),
      available: MoneyType.fromCentavos(balances.available),
      escrowed: MoneyType.fromCentavos(balances.escrowed),
    });
  }
}

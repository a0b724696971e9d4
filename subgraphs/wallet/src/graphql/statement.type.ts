import { CprReference, DateTimeScalar, MoneyType, PageInfoType } from '@peerseed/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import type { StatementPage } from '../application/get-statement.use-case.js';
import type { StatementLine } from '../application/ports.js';
import type { TransactionKind } from '../domain/ledger-transaction.js';
import { StatementEntryKind } from './enums.js';

/** One ledger transaction as it changed the viewer's wallet. */
@ObjectType('StatementEntry')
export class StatementEntryType {
  @Field(() => ID, { description: 'The ledger transaction' })
  id!: string;

  @Field(() => StatementEntryKind)
  kind!: TransactionKind;

  @Field(() => MoneyType, { description: 'Change of the available balance (negative: money out)' })
  availableChange!: MoneyType;

  @Field(() => MoneyType, { description: 'Change of the escrowed balance' })
  escrowedChange!: MoneyType;

  @Field(() => ID, { description: 'The deposit, investment, CPR, payment or distribution behind it' })
  reference!: string;

  @Field(() => CprReference, { nullable: true })
  cpr!: CprReference | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(line: StatementLine): StatementEntryType {
    return Object.assign(new StatementEntryType(), {
      id: line.transactionId,
      kind: line.kind,
      availableChange: MoneyType.fromCentavos(line.available),
      escrowedChange: MoneyType.fromCentavos(line.escrowed),
      reference: line.reference,
      cpr: line.cprId ? CprReference.of(line.cprId) : null,
      createdAt: line.createdAt,
    });
  }
}

@ObjectType('StatementEdge')
export class StatementEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => StatementEntryType)
  node!: StatementEntryType;
}

/** The viewer's ledger movements, newest first (Relay connection). */
@ObjectType('StatementConnection')
export class StatementConnectionType {
  @Field(() => [StatementEdgeType])
  edges!: StatementEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: StatementPage): StatementConnectionType {
    const edges = page.lines.map(({ cursor, line }) =>
      Object.assign(new StatementEdgeType(), { cursor, node: StatementEntryType.from(line) }),
    );
    return Object.assign(new StatementConnectionType(), {
      edges,
      pageInfo: Object.assign(new PageInfoType(), {
        hasNextPage: page.hasNextPage,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
    });
  }
}

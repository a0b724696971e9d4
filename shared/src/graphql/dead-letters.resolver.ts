import 'reflect-metadata';
import type { MikroORM, SqlEntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Directive, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../auth/guards.js';
import { Role } from '../auth/role.js';
import { NotFoundError, ConflictError } from '../errors/app-error.js';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  type EventConsumers,
} from '../events/consumer/event-consumers.js';
import { DeadLetterEntity, type DeadLetterRecord } from '../events/outbox/event-tables.js';
import type { BaseContext } from '../server/request-context.js';
import { DateTimeScalar } from './scalars.js';

/** An event a consumer gave up on. Operators (ADMIN) inspect it and replay it once the cause is fixed. */
@ObjectType('DeadLetter')
@Directive('@shareable')
export class DeadLetterType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The durable consumer that failed' })
  consumer!: string;

  @Field(() => String, { nullable: true })
  eventId!: string | null;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { description: 'The last error' })
  error!: string;

  @Field(() => Int)
  deliveries!: number;

  @Field(() => String, { description: 'The CloudEvents envelope as received (ids only, no personal data)' })
  envelope!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  replayedAt!: Date | null;
}

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * `<service>DeadLetters` and `replay<Service>DeadLetter`, ADMIN only. Each subgraph keeps
 * its own dead letters, so the field names carry the service (federation would
 * otherwise merge one root field from several subgraphs).
 */
export function createDeadLetterResolver(service: string, deps: { orm: MikroORM; consumers: EventConsumers }) {
  @Resolver()
  class DeadLetterResolver {
    @Query(() => [DeadLetterType], {
      name: `${service}DeadLetters`,
      description: `ADMIN: the ${service} dead letters, newest first`,
    })
    async deadLetters(
      @Ctx() ctx: BaseContext,
      @Arg('first', () => Int, { defaultValue: 50 }) first: number,
      @Arg('includeReplayed', () => Boolean, { defaultValue: false }) includeReplayed: boolean,
    ): Promise<DeadLetterRecord[]> {
      requireRole(ctx.identity, Role.ADMIN);
      const em = deps.orm.em.fork() as SqlEntityManager;
      return em.find(DeadLetterEntity, includeReplayed ? {} : { replayedAt: null }, {
        orderBy: { createdAt: 'desc' },
        limit: Math.min(Math.max(first, 1), 500),
      });
    }

    @Mutation(() => Boolean, {
      name: `replay${capitalized(service)}DeadLetter`,
      description: 'ADMIN: handles the event again',
    })
    async replay(@Ctx() ctx: BaseContext, @Arg('id', () => ID) id: string): Promise<boolean> {
      requireRole(ctx.identity, Role.ADMIN);
      try {
        await deps.consumers.replay(id);
        return true;
      } catch (error) {
        if (error instanceof DeadLetterNotFoundError) throw new NotFoundError(error.message);
        if (error instanceof DeadLetterAlreadyReplayedError) throw new ConflictError(error.message);
        throw error;
      }
    }
  }
  return DeadLetterResolver;
}

import { PageInfoType } from '@peerseed/shared';
import { Field, ObjectType } from 'type-graphql';
import { encodeCursor } from '../application/contact-cursor.js';
import type { ContactPage } from '../application/list-contacts.use-case.js';
import { ContactType } from './contact.type.js';

@ObjectType('ContactEdge')
export class ContactEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => ContactType)
  node!: ContactType;
}

/** A Relay connection of contacts, oldest first; cursors stay valid across edits and deletes. */
@ObjectType('ContactConnection')
export class ContactConnectionType {
  @Field(() => [ContactEdgeType])
  edges!: ContactEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: ContactPage): ContactConnectionType {
    const edges = page.contacts.map((contact) =>
      Object.assign(new ContactEdgeType(), { cursor: encodeCursor(contact), node: ContactType.from(contact) }),
    );
    const pageInfo = Object.assign(new PageInfoType(), {
      hasNextPage: page.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
    });
    return Object.assign(new ContactConnectionType(), { edges, pageInfo });
  }

  static empty(): ContactConnectionType {
    return ContactConnectionType.from({ contacts: [], hasNextPage: false });
  }
}

import { registerEnumType } from 'type-graphql';
import { ContactStatus } from '../domain/contact.js';

registerEnumType(ContactStatus, {
  name: 'ContactStatus',
  valuesConfig: {
    PENDING: { description: 'Accepted, being persisted by the contacts worker' },
    ACTIVE: { description: 'Persisted' },
  },
});

export { ContactStatus };

import { Role } from '@peerseed/shared/domain';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: 'What a user is to Peerseed' });

export { Role };

import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** What an API key may do; the same two roles the guard knows. */
export enum KeyRole {
  VIEWER = 'VIEWER',
  ADMIN = 'ADMIN',
}

registerEnumType(KeyRole, {
  name: 'KeyRole',
  description: 'What an API key may do.',
  valuesMap: {
    VIEWER: { description: 'Reads, also where REQUIRE_AUTH_FOR_READS makes reads private.' },
    ADMIN: { description: 'Reads, every write and the audit log.' },
  },
});

@ObjectType('Viewer', { description: 'The API key a request was made with: its name and role, never the key.' })
export class Viewer {
  @Field({ description: 'The name the key was created under, e.g. "desk-officer".' })
  name: string;

  @Field(() => KeyRole, { description: 'What the key may do.' })
  role: KeyRole;
}

import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { FieldAccess, Scope } from '../model.js';

export const AccessScope = { NONE: 'NONE', OWN: 'OWN', TEAM: 'TEAM', ALL: 'ALL' } as const;
registerEnumType(AccessScope, {
  name: 'AccessScope',
  description:
    'Which records an action reaches: none, own (owner or a granting field is you, or shared with you), own team’s (sub-teams included), all.',
});
export const FieldAccessLevel = { HIDDEN: 'HIDDEN', READ_ONLY: 'READ_ONLY', EDITABLE: 'EDITABLE' } as const;
registerEnumType(FieldAccessLevel, { name: 'FieldAccessLevel' });
export const ShareLevel = { read: 'read', edit: 'edit' } as const;
registerEnumType(ShareLevel, { name: 'ShareLevel' });

@ObjectType('ObjectRule')
@InputType('ObjectRuleInput')
export class ObjectRuleType {
  @Field(() => AccessScope) read!: Scope;
  @Field(() => Boolean) create!: boolean;
  @Field(() => AccessScope) update!: Scope;
  @Field(() => AccessScope) delete!: Scope;
}

@ObjectType('ObjectPermission')
@InputType('ObjectPermissionInput')
export class ObjectPermissionType extends ObjectRuleType {
  @Field(() => String) objectKey!: string;
}

@ObjectType('FieldPermission')
@InputType('FieldPermissionInput')
export class FieldPermissionType {
  @Field(() => String) objectKey!: string;
  @Field(() => String) fieldKey!: string;
  @Field(() => FieldAccessLevel) access!: FieldAccess;
}

@ObjectType('PermissionProfile', {
  description: 'What members on this profile may do. Owners and admins always have full access.',
})
export class PermissionProfileType {
  @Field(() => ID, { description: 'A custom profile’s id, or "member" / "viewer" for the built-in ones.' })
  id!: string;
  @Field(() => String, { nullable: true }) builtin!: string | null;
  @Field(() => String) name!: string;
  @Field(() => [ObjectPermissionType]) objects!: ObjectPermissionType[];
  @Field(() => ObjectRuleType, { description: 'For objects not listed.' }) defaultObject!: ObjectRuleType;
  @Field(() => [FieldPermissionType], { description: 'Fields that are not editable.' })
  fields!: FieldPermissionType[];
}

@InputType('PermissionProfileInput')
export class PermissionProfileInput {
  @Field(() => String) name!: string;
  @Field(() => [ObjectPermissionType], { defaultValue: [] }) objects!: ObjectPermissionType[];
  @Field(() => ObjectRuleType, {
    nullable: true,
    description: 'For objects not listed; read all by default.',
  })
  defaultObject?: ObjectRuleType | null;
  @Field(() => [FieldPermissionType], { defaultValue: [] }) fields!: FieldPermissionType[];
}

@ObjectType('Team')
export class TeamType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => [ID]) memberIds!: string[];
}

@InputType('TeamInput')
export class TeamInput {
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the members when given.' }) memberIds?:
    string[] | null;
}

@ObjectType('MemberProfile')
export class MemberProfileType {
  @Field(() => ID) userId!: string;
  @Field(() => ID, { nullable: true, description: 'Null: the built-in profile of the member’s role.' })
  profileId!: string | null;
}

@ObjectType('RecordShare')
export class RecordShareType {
  @Field(() => ID) id!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => ID, { nullable: true }) teamId!: string | null;
  @Field(() => ShareLevel) level!: 'read' | 'edit';
}

@InputType('ShareRecordInput')
export class ShareRecordInput {
  @Field(() => String) objectKey!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => ShareLevel) level!: 'read' | 'edit';
}

@ObjectType('GrantingFields')
export class GrantingFieldsType {
  @Field(() => String) objectKey!: string;
  @Field(() => [String]) fieldKeys!: string[];
}

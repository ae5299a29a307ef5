import {
  IsEmail,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../roles.js';

const passwordRule = 'at least 10 characters';

/** 1 to 100 characters and not only spaces: names are stored trimmed, and a blank one would be empty. */
function IsName(): PropertyDecorator {
  return (target, key) => {
    Length(1, 100, { message: 'must be 1 to 100 characters' })(target, key);
    Matches(/\S/, { message: 'must not be blank' })(target, key);
  };
}

@InputType()
export class SignUpInput {
  @Field(() => String) @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(254) email!: string;
  @Field(() => String)
  @MinLength(10, { message: `must be ${passwordRule}` })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  password!: string;
  @Field(() => String) @IsName() name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Name of the first workspace; defaults to “<name>’s workspace”.',
  })
  @IsOptional()
  @IsName()
  workspaceName?: string;
  @Field(() => String, {
    nullable: true,
    description: 'Join a workspace by invitation instead of creating one.',
  })
  @IsOptional()
  invitationToken?: string;
  @Field(() => String, {
    nullable: true,
    description: 'Key of a template installed, with its sample data, into the new workspace.',
  })
  @IsOptional()
  @MaxLength(63)
  template?: string;
}

@InputType()
export class SignInInput {
  @Field(() => String) @MaxLength(254) email!: string;
  @Field(() => String) @MaxLength(200) password!: string;
}

@InputType()
export class CreateWorkspaceInput {
  @Field(() => String) @IsName() name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Key of a template installed, with its sample data, into the new workspace.',
  })
  @IsOptional()
  @MaxLength(63)
  template?: string;
}

@InputType()
export class UpdateWorkspaceInput {
  @Field(() => String) @IsName() name!: string;
}

@InputType()
export class InviteMemberInput {
  @Field(() => String) @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(254) email!: string;
  @Field(() => Role) role!: Role;
  @Field(() => Int, { nullable: true, description: 'Days until the invitation expires (1–30, default 7).' })
  @IsOptional()
  @Min(1, { message: 'must be 1 to 30 days' })
  @Max(30, { message: 'must be 1 to 30 days' })
  expiresInDays?: number;
}

@InputType()
export class UpdateMemberRoleInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) userId!: string;
  @Field(() => Role) role!: Role;
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String) @IsName() name!: string;
  @Field(() => Role, { nullable: true, description: 'Caps what the token may do; defaults to your role.' })
  @IsOptional()
  role?: Role;
  @Field(() => Int, {
    nullable: true,
    description: 'Days until the token expires (1–3650); none means no expiry.',
  })
  @IsOptional()
  @Min(1, { message: 'must be 1 to 3650 days' })
  @Max(3650, { message: 'must be 1 to 3650 days' })
  expiresInDays?: number;
}

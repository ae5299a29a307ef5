import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType('CommentMention', { description: 'A member mentioned in a comment (`<@userId>` in its body).' })
export class CommentMentionType {
  @Field(() => ID) userId!: string;
  @Field(() => String, { description: 'Their name now; empty if the account is gone.' }) name!: string;
}

@ObjectType('Comment', { description: 'A comment in a record’s thread.' })
export class CommentType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The record’s object key.' }) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => ID, { nullable: true, description: 'Null once the author’s account is deleted.' })
  authorId!: string | null;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field(() => String, { description: 'The text; each mention is the token `<@userId>`.' }) body!: string;
  @Field(() => [CommentMentionType], { description: 'The mentioned members, in order of appearance.' })
  mentions!: CommentMentionType[];
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) editedAt!: Date | null;
}

@ObjectType('CommentPage', { description: 'A page of a record’s thread, oldest first.' })
export class CommentPageType {
  @Field(() => [CommentType]) nodes!: CommentType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
  @Field(() => Int, { description: 'Comments in the whole thread.' }) totalCount!: number;
}

export enum CommentChangeKind {
  ADDED = 'ADDED',
  EDITED = 'EDITED',
  DELETED = 'DELETED',
}
registerEnumType(CommentChangeKind, { name: 'CommentChangeKind' });

@ObjectType('CommentChangeEvent', { description: 'A comment of the record was added, edited or deleted.' })
export class CommentChangeEventType {
  @Field(() => CommentChangeKind) kind!: CommentChangeKind;
  @Field(() => ID) commentId!: string;
  @Field(() => CommentType, { nullable: true, description: 'As it is now; null once deleted.' })
  comment!: CommentType | null;
}

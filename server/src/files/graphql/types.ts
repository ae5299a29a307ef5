import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('FileRef', {
  description: 'A file of a FILE or IMAGE field; its links are signed and short-lived.',
})
export class FileRefType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Bytes of what `url` serves.' }) size!: number;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => String, { description: 'The file (for an image, its web version, at most 2048 px).' })
  url!: string;
  @Field(() => String, { nullable: true, description: 'Images: a version at most 480 px.' })
  thumbUrl!: string | null;
}

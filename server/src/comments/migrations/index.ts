import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203061000Comments } from './20261203061000-comments.js';
import { Migration20261203100200CommentAuthorLabel } from './20261203100200-comment-author-label.js';
import { Migration20261210000100CommentChangedXid } from './20261210000100-comment-changed-xid.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const commentMigrations: MigrationObject[] = [
  { name: 'Migration20261203061000Comments', class: Migration20261203061000Comments },
  { name: 'Migration20261203100200CommentAuthorLabel', class: Migration20261203100200CommentAuthorLabel },
  { name: 'Migration20261210000100CommentChangedXid', class: Migration20261210000100CommentChangedXid },
];

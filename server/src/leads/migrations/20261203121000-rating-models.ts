import { Migration } from '@mikro-orm/migrations';

/** Lead-rating models, one per object at most (the model is JSON, checked by leads/model.ts). */
export class Migration20261203121000RatingModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rating_model (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      model jsonb not null,
      updated_at timestamptz not null default now(),
      unique (workspace_id, object_id)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table rating_model;');
  }
}

import type { FieldDef, ObjectDef, PipelineDef, StageDef, WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';

export interface StageRef {
  object: ObjectDef;
  field: FieldDef;
  pipeline: PipelineDef;
  stage: StageDef;
}

export function activeObject(metadata: WorkspaceMetadata, key: string, path: string[]): ObjectDef {
  const object = metadata.objects.find((o) => (o.key === key || o.id === key) && !o.archivedAt);
  if (!object) throw new BadInput(path, `No object “${key.slice(0, 70)}” in this workspace.`);
  return object;
}

export function stageFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => f.type === 'STAGE' && !f.archivedAt);
}

export function findPipeline(
  object: ObjectDef,
  key: string,
  path: string[],
): { field: FieldDef; pipeline: PipelineDef } {
  for (const field of stageFields(object)) {
    const pipeline = field.options.pipelines?.find((p) => p.key === key);
    if (pipeline) return { field, pipeline };
  }
  throw new BadInput(path, `${object.labelSingular} has no pipeline “${key.slice(0, 70)}”.`);
}

/** The stage `key` of one of the object's stage fields (or of `field` when given). */
export function findStage(object: ObjectDef, key: string, path: string[], field?: FieldDef): StageRef {
  for (const candidate of field ? [field] : stageFields(object)) {
    for (const pipeline of candidate.options.pipelines ?? []) {
      const stage = pipeline.stages.find((s) => s.key === key);
      if (stage) return { object, field: candidate, pipeline, stage };
    }
  }
  throw new BadInput(path, `${object.labelSingular} has no stage “${key.slice(0, 70)}”.`);
}

export function stageIn(
  field: FieldDef,
  key: unknown,
): { pipeline: PipelineDef; stage: StageDef } | undefined {
  for (const pipeline of field.options.pipelines ?? []) {
    const stage = pipeline.stages.find((s) => s.key === key);
    if (stage) return { pipeline, stage };
  }
  return undefined;
}

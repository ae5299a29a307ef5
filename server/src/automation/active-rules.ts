import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { ruleProblem } from './check.js';
import type { AutomationRule } from './model.js';
import { listRules, setDisabledReason, specOf } from './rules.js';

/**
 * The enabled, working rules of a workspace as of a metadata version: saving a rule bumps
 * the version, so every process reads them once per version. A rule the new metadata broke
 * (a field archived…) is marked with its reason and left out, instead of failing at run time.
 */
export class ActiveRules {
  private readonly entries = new Map<string, { version: number; rules: Promise<AutomationRule[]> }>();

  constructor(private readonly orm: MikroORM) {}

  of(metadata: WorkspaceMetadata, em?: EntityManager): Promise<AutomationRule[]> {
    const cached = this.entries.get(metadata.workspaceId);
    if (cached && cached.version === metadata.version) return cached.rules;
    const rules = loadActive(em ?? this.orm.em.fork(), metadata);
    this.entries.set(metadata.workspaceId, { version: metadata.version, rules });
    rules.catch(() => this.entries.delete(metadata.workspaceId));
    return rules;
  }
}

async function loadActive(em: EntityManager, metadata: WorkspaceMetadata): Promise<AutomationRule[]> {
  const rules = await listRules(em, metadata.workspaceId);
  return recheckRules(
    em,
    metadata,
    rules.filter((r) => r.enabled && !r.disabledReason),
  );
}

/** The rules that still fit `metadata`; the others get their disabled reason stored. */
export async function recheckRules(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  rules: readonly AutomationRule[],
): Promise<AutomationRule[]> {
  const working: AutomationRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.disabledReason) continue;
    const problem = ruleProblem(metadata, specOf(rule));
    if (problem) await setDisabledReason(em, rule, problem);
    else working.push(rule);
  }
  return working;
}

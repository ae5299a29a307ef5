import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { handlerFor } from './actions/index.js';
import type { CheckContext } from './actions/handler.js';
import { activeObject, checkCondition, expectObject, expectText, isPlainObject } from './check-values.js';
import { triggerKinds, type RuleAction, type RuleSpec, type RuleTrigger } from './model.js';
import { triggerCheckFor } from './triggers/index.js';

const maxActions = 50;
const maxSpecChars = 100_000;

/**
 * Checks a rule against the workspace's metadata: the object, the trigger (by its kind's
 * check), the condition (compiled like a view's filter) and every action (by its
 * handler), refusing the first bad part with BAD_USER_INPUT and its path
 * (`input.actions.2.values.price`). Returns the rule as it will be stored.
 */
export function checkRule(
  metadata: WorkspaceMetadata,
  spec: unknown,
  path: readonly string[] = ['input'],
  members?: ReadonlySet<string>,
): RuleSpec {
  const at = (...rest: string[]) => [...path, ...rest];
  const input = expectObject(spec, [...path], 'rule');
  if (JSON.stringify(input).length > maxSpecChars)
    throw new BadInput([...path], `A rule is at most ${maxSpecChars} characters as JSON.`);
  const name = expectText(input.name, at('name'), 'name', 100).trim();
  const description = input.description ?? '';
  if (typeof description !== 'string' || description.length > 2_000)
    throw new BadInput(at('description'), 'description: at most 2,000 characters.');
  const key = input.key ?? null;
  if (key !== null && (typeof key !== 'string' || !/^[a-z][a-zA-Z0-9_-]{0,99}$/.test(key)))
    throw new BadInput(at('key'), 'key: letters, digits, - and _, starting with a lower-case letter.');
  if (typeof input.enabled !== 'boolean') throw new BadInput(at('enabled'), 'enabled: true or false.');
  const object = activeObject(metadata, input.object, at('object'));
  const checkActions = (actions: unknown, actionsPath: string[]) => {
    if (!Array.isArray(actions)) throw new BadInput(actionsPath, 'actions: must be a list.');
    if (actions.length > maxActions) throw new BadInput(actionsPath, `actions: at most ${maxActions}.`);
    actions.forEach((action: unknown, i) => {
      const actionPath = [...actionsPath, String(i)];
      if (!isPlainObject(action)) throw new BadInput(actionPath, 'An action must be an object.');
      const handler = handlerFor(action.type);
      if (!handler)
        throw new BadInput(
          [...actionPath, 'type'],
          `There is no action “${String(action.type).slice(0, 40)}”.`,
        );
      handler.check(action as RuleAction, { metadata, object, path: actionPath, checkActions, members });
    });
  };
  const context = (p: string[]): CheckContext => ({ metadata, object, path: p, checkActions, members });
  const trigger = expectObject(input.trigger, at('trigger'), 'trigger') as unknown as RuleTrigger;
  const triggerCheck = triggerKinds.includes(trigger.kind) ? triggerCheckFor(trigger.kind) : undefined;
  if (!triggerCheck)
    throw new BadInput(at('trigger', 'kind'), `There is no trigger “${String(trigger.kind).slice(0, 40)}”.`);
  triggerCheck.check(trigger, context(at('trigger')));
  const condition = checkCondition(metadata, object, input.condition, at('condition'));
  if (!Array.isArray(input.actions) || !input.actions.length)
    throw new BadInput(at('actions'), 'actions: at least one.');
  checkActions(input.actions, at('actions'));
  return {
    key: 'key' in input ? key : undefined,
    name,
    description,
    object: object.key,
    enabled: input.enabled,
    trigger,
    condition,
    actions: input.actions as RuleAction[],
  };
}

/** Why a saved rule no longer fits the metadata (a field archived…), or null when it still does. */
export function ruleProblem(metadata: WorkspaceMetadata, spec: RuleSpec): string | null {
  try {
    checkRule(metadata, spec, []);
    return null;
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    const where = (error.extensions.argumentPath as string[] | undefined)?.join('.');
    return where ? `${where}: ${error.message}` : error.message;
  }
}

import type { ActionDraft, RuleDraft } from './rule-form';

/**
 * Where the editor shows a refused save: the server names the bad part by its path in
 * the input (`input.actions.2.values.price`, or `actions[2]` written with brackets); the
 * message goes beside the deepest part of the form that path reaches. Null: the form's own.
 */
export function errorPlace(argumentPath: readonly string[] | undefined, draft: RuleDraft): string | null {
  if (!argumentPath?.length) return null;
  const parts = argumentPath.flatMap((p) => String(p).split(/[.[\]]+/)).filter(Boolean);
  if (parts[0] === 'input') parts.shift();
  const shown = new Set(shownPaths(draft));
  for (let length = parts.length; length > 0; length--) {
    const path = parts.slice(0, length).join('.');
    if (shown.has(path)) return path;
  }
  return null;
}

const triggerParts = [
  'kind',
  'fields',
  'toValue',
  'stageField',
  'stage',
  'dateField',
  'offsetMinutes',
  'yearly',
  'timeOfDay',
  'cron',
  'timeZone',
];
const actionParts = [
  'type',
  'object',
  'via',
  'values',
  'field',
  'mode',
  'userIds',
  'stageField',
  'stage',
  'body',
  'recipients',
  'message',
  'to',
  'subject',
  'url',
  'minutes',
  'condition',
];

/** Every path the editor has a place for, from the rule down to each value of each action. */
export function shownPaths(draft: RuleDraft): string[] {
  return [
    'name',
    'description',
    'objectKey',
    'enabled',
    'trigger',
    ...triggerParts.map((p) => `trigger.${p}`),
    'condition',
    'actions',
    ...actionPaths(draft.actions, 'actions'),
  ];
}

function actionPaths(actions: readonly ActionDraft[], prefix: string): string[] {
  return actions.flatMap((action, index) => {
    const at = `${prefix}.${index}`;
    return [
      at,
      ...actionParts.map((p) => `${at}.${p}`),
      ...action.values.map((v) => `${at}.values.${v.field}`),
      `${at}.then`,
      `${at}.else`,
      ...actionPaths(action.then, `${at}.then`),
      ...actionPaths(action.else, `${at}.else`),
    ];
  });
}

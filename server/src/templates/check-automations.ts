import { standardObjects, systemFields } from '../metadata/index.js';
import type { TemplateIssue } from './check.js';
import type { Template, TemplateAutomation } from './format.js';
import type { TemplateRuleAction } from './format-automations.js';
import type { KnownField, KnownFields } from './known-fields.js';

/**
 * What a rule names must exist in the template or the standard objects: its object, the
 * fields of its trigger, condition and actions, the stages it moves to. The install
 * checks the rule again against the workspace's metadata (the automation's checkRule).
 */

type Path = (string | number)[];

const systemKnown = new Map<string, KnownField>(systemFields('').map((f) => [f.key, { type: f.type }]));

/** Stage keys by `object.field`: the template's pipelines and the standard objects'. */
function stagesOf(template: Template): Map<string, Set<string>> {
  const stages = new Map<string, Set<string>>();
  const add = (id: string, keys: string[]) => stages.set(id, new Set([...(stages.get(id) ?? []), ...keys]));
  for (const object of standardObjects)
    for (const field of object.fields ?? [])
      for (const p of field.options?.pipelines ?? [])
        add(
          `${object.key}.${field.key}`,
          p.stages.map((s) => s.key),
        );
  for (const p of template.pipelines ?? [])
    add(
      `${p.object}.${p.field ?? 'stage'}`,
      p.stages.map((s) => s.key),
    );
  return stages;
}

class RuleChecker {
  private readonly stages: Map<string, Set<string>>;
  /** The template's forms: key → object. */
  private readonly forms: Map<string, string>;

  constructor(
    template: Template,
    private readonly known: KnownFields,
    private readonly issues: TemplateIssue[],
  ) {
    this.stages = stagesOf(template);
    this.forms = new Map((template.forms ?? []).map((f) => [f.key, f.object]));
  }

  private field(objectKey: string, key: string): KnownField | undefined {
    return this.known.get(objectKey)?.get(key) ?? systemKnown.get(key);
  }

  private need(objectKey: string, key: string, at: Path, types?: string[]): KnownField | undefined {
    const field = this.field(objectKey, key);
    if (!field || (types && !types.includes(field.type))) {
      const kind = types ? `${types.join(' or ')} field` : 'field';
      this.issues.push({ path: at, message: `${objectKey} has no ${kind} “${key}”` });
      return undefined;
    }
    return field;
  }

  /** A field of the object, or `relation.field` through a many-to-one relation of it. */
  private source(objectKey: string, key: string, at: Path): void {
    const [relationKey, fieldKey] = key.split('.');
    if (fieldKey === undefined) {
      this.need(objectKey, key, at);
      return;
    }
    const relation = this.need(objectKey, relationKey!, at, ['RELATION']);
    if (relation && (relation.kind !== 'MANY_TO_ONE' || !relation.target))
      this.issues.push({ path: at, message: `${objectKey}.${relationKey} is not a relation to one record` });
    else if (relation?.target) this.need(relation.target, fieldKey, at);
  }

  /** An EMAIL field of the object, or `relation.email` through a many-to-one relation of it. */
  private recipient(objectKey: string, key: string, at: Path): void {
    const [relationKey, emailKey] = key.split('.');
    if (emailKey === undefined) {
      this.need(objectKey, key, at, ['EMAIL']);
      return;
    }
    const relation = this.need(objectKey, relationKey!, at, ['RELATION']);
    if (relation && (relation.kind !== 'MANY_TO_ONE' || !relation.target))
      this.issues.push({ path: at, message: `${objectKey}.${relationKey} is not a relation to one record` });
    else if (relation?.target) this.need(relation.target, emailKey, at, ['EMAIL']);
  }

  private stage(objectKey: string, stageField: string | undefined, stage: string | undefined, at: Path) {
    const fieldKey =
      stageField ?? [...(this.known.get(objectKey) ?? [])].find(([, f]) => f.type === 'STAGE')?.[0];
    if (!fieldKey || !this.need(objectKey, fieldKey, [...at, 'stageField'], ['STAGE'])) return;
    if (stage && !this.stages.get(`${objectKey}.${fieldKey}`)?.has(stage))
      this.issues.push({
        path: [...at, 'stage'],
        message: `${objectKey}.${fieldKey} has no stage “${stage}”`,
      });
  }

  /** Field keys of a filter (and/or/not walked; `is`/`some` name the related object's fields). */
  condition(objectKey: string, filter: Record<string, unknown> | undefined, at: Path): void {
    for (const [key, value] of Object.entries(filter ?? {})) {
      if (key === 'and' || key === 'or') {
        if (Array.isArray(value))
          value.forEach((f, i) => this.condition(objectKey, f as Record<string, unknown>, [...at, key, i]));
      } else if (key === 'not') {
        this.condition(objectKey, value as Record<string, unknown>, [...at, key]);
      } else {
        this.need(objectKey, key, [...at, key]);
      }
    }
  }

  private values(target: string, source: string, values: Record<string, unknown>, at: Path): void {
    for (const [key, value] of Object.entries(values)) {
      const field = this.need(target, key, [...at, key]);
      if (field?.kind === 'ONE_TO_MANY')
        this.issues.push({ path: [...at, key], message: `${target}.${key} is not writable` });
      const from = (value as { fromField?: string }).fromField;
      // `id`: the trigger record itself, for a relation to it.
      if (from && from !== 'id') this.source(source, from, [...at, key, 'fromField']);
    }
  }

  rule(rule: TemplateAutomation, at: Path): void {
    if (!this.known.has(rule.object)) {
      this.issues.push({ path: [...at, 'object'], message: `no object “${rule.object}”` });
      return;
    }
    this.trigger(rule, [...at, 'trigger']);
    this.condition(rule.object, rule.condition, [...at, 'condition']);
    this.actions(rule.object, rule.actions, [...at, 'actions']);
  }

  private trigger({ object, trigger }: TemplateAutomation, at: Path): void {
    trigger.fields?.forEach((key, i) => this.need(object, key, [...at, 'fields', i]));
    if (trigger.toValue !== undefined && trigger.fields?.length !== 1)
      this.issues.push({ path: [...at, 'toValue'], message: 'toValue needs exactly one field in `fields`' });
    if (trigger.kind === 'STAGE_ENTERED' || trigger.kind === 'STAGE_LEFT')
      this.stage(object, trigger.stageField, trigger.stage, at);
    if (trigger.kind === 'DATE_RELATIVE') {
      if (!trigger.dateField) this.issues.push({ path: at, message: 'DATE_RELATIVE needs dateField' });
      else this.need(object, trigger.dateField, [...at, 'dateField'], ['DATE', 'DATETIME']);
    }
    if (trigger.kind === 'SCHEDULE' && !trigger.cron)
      this.issues.push({ path: at, message: 'SCHEDULE needs cron' });
    if (trigger.form !== undefined) this.form(object, trigger.kind, trigger.form, [...at, 'form']);
  }

  /** A FORM_SUBMITTED trigger's form: one of the template's, on the rule's object. */
  private form(object: string, kind: string, key: string, at: Path): void {
    const formObject = this.forms.get(key);
    if (kind !== 'FORM_SUBMITTED') this.issues.push({ path: at, message: 'form: only on FORM_SUBMITTED' });
    else if (!formObject) this.issues.push({ path: at, message: `no form “${key}” in the template` });
    else if (formObject !== object)
      this.issues.push({ path: at, message: `form “${key}” makes ${formObject} records, not ${object}` });
  }

  private actions(object: string, actions: TemplateRuleAction[], at: Path): void {
    actions.forEach((action, i) => this.action(object, action, [...at, i]));
  }

  private action(object: string, action: TemplateRuleAction, at: Path): void {
    switch (action.type) {
      case 'CREATE_RECORD':
        if (!this.known.has(action.object))
          this.issues.push({ path: [...at, 'object'], message: `no object “${action.object}”` });
        else this.values(action.object, object, action.values, [...at, 'values']);
        return;
      case 'UPDATE_RECORD': {
        const via = action.via ? this.need(object, action.via, [...at, 'via'], ['RELATION']) : undefined;
        if (via && via.kind !== 'MANY_TO_ONE')
          this.issues.push({ path: [...at, 'via'], message: `${object}.${action.via} is not MANY_TO_ONE` });
        const target = action.via ? via?.target : object;
        if (target) this.values(target, object, action.values, [...at, 'values']);
        return;
      }
      case 'ASSIGN':
        this.need(object, action.field, [...at, 'field'], ['USER']);
        if (action.mode === 'ROUND_ROBIN' && !action.role)
          this.issues.push({
            path: at,
            message: 'a template’s ROUND_ROBIN names the role to rotate through',
          });
        return;
      case 'MOVE_STAGE':
        this.stage(object, action.stageField, action.stage, at);
        return;
      case 'NOTIFY':
        action.recipients.fields?.forEach((key, i) =>
          this.need(object, key, [...at, 'recipients', 'fields', i], ['USER']),
        );
        if (!action.recipients.fields?.length && !action.recipients.roles?.length)
          this.issues.push({ path: [...at, 'recipients'], message: 'name recipient fields or roles' });
        return;
      case 'SEND_EMAIL':
        if (action.to.field) this.recipient(object, action.to.field, [...at, 'to', 'field']);
        if (!action.to.field === !action.to.address)
          this.issues.push({ path: [...at, 'to'], message: 'give either field or address' });
        return;
      case 'BRANCH':
        this.condition(object, action.condition, [...at, 'condition']);
        this.actions(object, action.then, [...at, 'then']);
        this.actions(object, action.else ?? [], [...at, 'else']);
        return;
      default:
        return;
    }
  }
}

/** What one rule names that `known` lacks (the install passes the workspace's fields, less archived ones). */
export function ruleNameIssues(
  template: Template,
  known: KnownFields,
  rule: TemplateAutomation,
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  new RuleChecker(template, known, issues).rule(rule, []);
  return issues;
}

export function checkAutomations(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const checker = new RuleChecker(template, known, issues);
  const keys = new Set<string>();
  template.automations?.forEach((rule, r) => {
    const at = ['automations', r];
    if (keys.has(rule.key))
      issues.push({ path: [...at, 'key'], message: `automation key “${rule.key}” appears twice` });
    keys.add(rule.key);
    checker.rule(rule, at);
  });
}

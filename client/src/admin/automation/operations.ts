import type * as Contract from '@crm/contracts';
import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { AUTOMATION_RUN_FIELDS, type AutomationRun } from '../../automation';
import type { ApiFilter } from '../../records/filters';

// Automation rules as the API holds them (docs/automation.md): the shapes are the contract's
// (`@crm/contracts`, which the server checks against), with the client's filter type.
export type {
  ActionType,
  AssignMode,
  RecipientSpec,
  RelativeDate,
  TriggerKind,
  ValueSource,
} from '@crm/contracts';
export type RuleTrigger = Contract.RuleTrigger<ApiFilter>;
export type RuleAction = Contract.RuleAction<ApiFilter>;

export interface AutomationRule {
  id: string;
  key: string | null;
  name: string;
  description: string;
  objectKey: string;
  enabled: boolean;
  version: number;
  trigger: RuleTrigger;
  condition: ApiFilter | null;
  actions: RuleAction[];
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AutomationRuleInput {
  name: string;
  description: string;
  objectKey: string;
  enabled: boolean;
  trigger: RuleTrigger;
  condition: ApiFilter | null;
  actions: RuleAction[];
}

const ruleFields = `
  id key name description objectKey enabled version trigger condition actions disabledReason createdAt updatedAt
`;

export const AUTOMATION_RULES: TypedDocumentNode<
  { automationRules: AutomationRule[] },
  { objectKey: string | null }
> = gql`
  query AdminAutomationRules($objectKey: String) {
    automationRules(objectKey: $objectKey) { ${ruleFields} }
  }
`;

export const AUTOMATION_RULE: TypedDocumentNode<{ automationRule: AutomationRule | null }, { id: string }> =
  gql`
    query AdminAutomationRule($id: ID!) {
      automationRule(id: $id) { ${ruleFields} }
    }
  `;

export const CREATE_AUTOMATION_RULE: TypedDocumentNode<
  { createAutomationRule: AutomationRule },
  { input: AutomationRuleInput }
> = gql`
  mutation AdminCreateAutomationRule($input: AutomationRuleInput!) {
    createAutomationRule(input: $input) { ${ruleFields} }
  }
`;

export const UPDATE_AUTOMATION_RULE: TypedDocumentNode<
  { updateAutomationRule: AutomationRule },
  { id: string; input: AutomationRuleInput; expectedVersion: number | null }
> = gql`
  mutation AdminUpdateAutomationRule($id: ID!, $input: AutomationRuleInput!, $expectedVersion: Int) {
    updateAutomationRule(id: $id, input: $input, expectedVersion: $expectedVersion) { ${ruleFields} }
  }
`;

export const SET_AUTOMATION_RULE_ENABLED: TypedDocumentNode<
  { setAutomationRuleEnabled: AutomationRule },
  { id: string; enabled: boolean }
> = gql`
  mutation AdminSetAutomationRuleEnabled($id: ID!, $enabled: Boolean!) {
    setAutomationRuleEnabled(id: $id, enabled: $enabled) { ${ruleFields} }
  }
`;

export const DELETE_AUTOMATION_RULE: TypedDocumentNode<{ deleteAutomationRule: boolean }, { id: string }> =
  gql`
    mutation AdminDeleteAutomationRule($id: ID!) {
      deleteAutomationRule(id: $id)
    }
  `;

export const DRY_RUN_AUTOMATION: TypedDocumentNode<
  { dryRunAutomation: AutomationRun },
  { ruleId: string; recordId: string }
> = gql`
  mutation AdminDryRunAutomation($ruleId: ID!, $recordId: ID!) {
    dryRunAutomation(ruleId: $ruleId, recordId: $recordId) { ${AUTOMATION_RUN_FIELDS} }
  }
`;

export const RERUN_AUTOMATION_RUN: TypedDocumentNode<{ rerunAutomationRun: AutomationRun }, { id: string }> =
  gql`
    mutation AdminRerunAutomationRun($id: ID!) {
      rerunAutomationRun(id: $id) { ${AUTOMATION_RUN_FIELDS} }
    }
  `;

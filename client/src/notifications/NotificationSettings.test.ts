import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createFakeApollo } from '../testing';
import NotificationSettings from './NotificationSettings.vue';
import type { NotificationSetting } from './operations';

function mountSettings() {
  let saved: NotificationSetting = { kind: 'MENTION', inApp: true, email: false };
  const row = () => ({ __typename: 'NotificationSetting', ...saved });
  const { client, operations } = createFakeApollo((operation) => {
    if (operation.operationName === 'SetNotificationSettings') {
      saved = (operation.variables as { settings: NotificationSetting[] }).settings[0]!;
      return { data: { setNotificationSettings: [row()] } };
    }
    if (operation.operationName === 'NotificationDigest') return { data: { notificationDigest: null } };
    return { data: { notificationSettings: [row()] } };
  });
  const wrapper = mount(NotificationSettings, { global: { provide: { [DefaultApolloClient]: client } } });
  const sent = () =>
    operations
      .filter((operation) => operation.operationName === 'SetNotificationSettings')
      .map((operation) => (operation.variables as { settings: NotificationSetting[] }).settings[0]);
  return { wrapper, sent, saved: () => saved };
}

describe('NotificationSettings', () => {
  it('sends two quick clicks one after the other, the second carrying the first', async () => {
    const { wrapper, sent, saved } = mountSettings();
    await flushPromises();
    const inApp = wrapper.get('[data-testid="setting-in-app"]');
    const email = wrapper.get('[data-testid="setting-email"]');
    await inApp.setValue(false);
    await email.setValue(true);
    expect((inApp.element as HTMLInputElement).checked).toBe(false);
    expect((email.element as HTMLInputElement).checked).toBe(true);
    await flushPromises();
    expect(sent()).toEqual([
      { kind: 'MENTION', inApp: false, email: false },
      { kind: 'MENTION', inApp: false, email: true },
    ]);
    expect(saved()).toEqual({ kind: 'MENTION', inApp: false, email: true });
    expect((email.element as HTMLInputElement).checked).toBe(true);
  });
});

import { i18n } from '../../i18n';
import type { TemplateSummary } from '../operations';

/** "Not installed", "Installed (version 2)" or "Version 1 installed, upgrade available (version 2)". */
export function templateStatus(t: Pick<TemplateSummary, 'version' | 'installedVersion'>): string {
  const say = i18n.global.t;
  const { version, installedVersion: installed } = t;
  if (installed === null) return say('adminTemplates.status.notInstalled', { version });
  if (installed < version) return say('adminTemplates.status.upgradable', { installed, version });
  return say('adminTemplates.status.installed', { installed });
}

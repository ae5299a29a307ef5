import type { TemplateSummary } from '../operations';

/** "Not installed", "Installed (version 2)" or "Version 1 installed, upgrade available (version 2)". */
export function templateStatus(t: Pick<TemplateSummary, 'version' | 'installedVersion'>): string {
  if (t.installedVersion === null) return `Not installed · version ${t.version}`;
  if (t.installedVersion < t.version)
    return `Version ${t.installedVersion} installed · upgrade available (version ${t.version})`;
  return `Installed (version ${t.installedVersion})`;
}

import { BadInput } from '../../platform/index.js';

/** Refuses a key an action does not take (a typo would otherwise be ignored silently). */
export function allowedKeys(action: object, keys: readonly string[], path: string[]): void {
  const extra = Object.keys(action).find((k) => k !== 'type' && !keys.includes(k));
  if (extra) throw new BadInput([...path, extra], `This action takes no “${extra.slice(0, 40)}”.`);
}

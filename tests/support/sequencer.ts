import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The whole run is one group with one pool of three workers (tests/vitest.run.config.ts), so Chromium
 * and the unit tests run beside the end-to-end files, which mostly wait on sockets and jobs.
 * Vitest's own order would hand out every browser file first (it sorts a group by project name):
 * three Chromiums at once on two cores. This order spreads the browser files evenly through the
 * end-to-end files, so mostly one runs at a time, and leaves the unit files (short, many) for the
 * end, where they fill the workers the last long files leave idle. Within a project the base
 * order stands: files that failed last time first, then the longest (with no record of a run,
 * the largest).
 */
export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // By folder: in the whole run one project holds both (tests/vitest.run.config.ts).
    const browser = sorted.filter((spec) => inFolder(spec, 'browser'));
    const e2e = sorted.filter((spec) => inFolder(spec, 'e2e'));
    const units = sorted.filter((spec) => !inFolder(spec, 'browser') && !inFolder(spec, 'e2e'));
    return [...interleave(e2e, browser), ...units];
  }
}

function inFolder(spec: TestSpecification, folder: 'browser' | 'e2e'): boolean {
  return spec.moduleId.includes(`/tests/${folder}/`);
}

/** `sparse` spread evenly through `dense`, the first of it early (its server starts while the rest warm up). */
function interleave<T>(dense: T[], sparse: T[]): T[] {
  if (sparse.length === 0) return dense;
  const every = (dense.length + sparse.length) / sparse.length;
  const result: T[] = [];
  let next = 0;
  for (const item of dense) {
    while (next < sparse.length && result.length >= next * every + 1) result.push(sparse[next++]!);
    result.push(item);
  }
  result.push(...sparse.slice(next));
  return result;
}

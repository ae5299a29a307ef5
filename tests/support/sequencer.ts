import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * End-to-end and browser files share one pool (one group, three workers), so Chromium runs beside
 * the end-to-end files instead of after them. Vitest's own order would hand out every browser file
 * first (it sorts a group by project name), three Chromiums at once on two cores; this spreads them
 * evenly through the end-to-end files instead, so mostly one browser file runs at a time. Within a
 * project the base order stands: files that failed last time first, then the longest (or, with no
 * record of a run, the largest).
 */
export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter((spec) => spec.project.name === 'browser');
    if (browser.length === 0 || browser.length === sorted.length) return sorted;
    const others = sorted.filter((spec) => spec.project.name !== 'browser');
    const every = (others.length + browser.length) / browser.length;
    const result: TestSpecification[] = [];
    let next = 0;
    for (const spec of others) {
      // The first browser file goes early: its server and Chromium start while the end-to-end files warm up.
      while (next < browser.length && result.length >= next * every + 1) result.push(browser[next++]!);
      result.push(spec);
    }
    result.push(...browser.slice(next));
    return result;
  }
}

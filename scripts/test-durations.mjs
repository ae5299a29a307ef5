// Writes tests/support/file-durations.json from a vitest JSON report of the whole run
// (`vitest run --config vitest.run.config.ts --reporter=json --outputFile=<file>`): each
// end-to-end and browser file's seconds, which tests/support/sequencer.ts starts longest first.
// A clean clone has no vitest cache, so without this record the longest files started last.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'vitest-report.json', 'utf8'));
const root = path.resolve(import.meta.dirname, '..', 'tests');
const durations = Object.fromEntries(
  report.testResults
    // By the path under tests/, wherever the run's checkout was.
    .map((file) => [file.name.split('/tests/').at(-1), Math.round((file.endTime - file.startTime) / 1000)])
    .filter(([name]) => /^(e2e|browser)\//.test(name))
    .sort(([a], [b]) => a.localeCompare(b)),
);
const target = path.join(root, 'support', 'file-durations.json');
writeFileSync(target, `${JSON.stringify(durations, null, 2)}\n`);
console.log(`${Object.keys(durations).length} files → ${path.relative(process.cwd(), target)}`);

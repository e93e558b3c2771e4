import { parseArgs } from 'node:util';
import { benchmarks } from './suites.ts';

/**
 * `pnpm bench [name...] [--scale N | --quick]`: runs the benchmarks on the embedded adapters in
 * throw-away folders and prints one JSON document. Benchmarks measure; they never fail
 * a build.
 */
const { values, positionals } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, quick: { type: 'boolean', default: process.env['STRATA_BENCH_QUICK'] === 'true' } },
  allowPositionals: true,
});
// --quick (or STRATA_BENCH_QUICK=true): smaller sizes, each benchmark says which in its output
const scale = values.quick ? 0.2 : Number(values.scale);
if (!Number.isFinite(scale) || scale <= 0) {
  process.stderr.write('--scale must be a positive number\n');
  process.exit(2);
}
const chosen = positionals.length ? benchmarks.filter((b) => positionals.includes(b.name)) : benchmarks;
if (chosen.length === 0) {
  process.stderr.write(`unknown benchmark; choose from: ${benchmarks.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}

const results: Record<string, unknown> = {};
for (const benchmark of chosen) {
  process.stderr.write(`bench: ${benchmark.name}…\n`);
  results[benchmark.name] = await benchmark.run(scale, (message) => process.stderr.write(`  ${message}\n`));
}
process.stdout.write(
  `${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, scale, results }, null, 2)}\n`,
);

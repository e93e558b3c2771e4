import { snowflakes } from '@strata/kernel';
import { makeTempDir } from '@strata/testkit';
import { ratio } from './support/load-generator.ts';
import { openProjectorRig, rawSqliteInsert } from './support/projector-rig.ts';
import type { Benchmark } from './suites.ts';

const round = (value: number) => Math.round(value * 10) / 10;

/** One post reaching every follower's home timeline through the real projector, against raw SQLite inserts of as many rows. */
async function fanOutTo(followers: number, prefilled: number, progress: (message: string) => void) {
  const temp = makeTempDir('strata-bench-');
  const rig = await openProjectorRig(temp.path);
  try {
    const author = snowflakes.next();
    const ids = Array.from({ length: followers }, () => snowflakes.next());
    await rig.follow(author, ids);
    if (prefilled) {
      progress(`filling ${followers} feeds with ${prefilled} entries each`);
      await rig.prefill(ids, prefilled);
    }
    progress(`one post to ${followers} followers${prefilled ? ` with ${prefilled}-entry feeds` : ''}`);
    await rig.postAndWait(author, ids.at(-1)!); // warm-up: statements prepared, pages cached
    // the median of three: a WAL checkpoint or a neighbour's burst lands on one of them
    const runs = [await rig.postAndWait(author, ids.at(-1)!), await rig.postAndWait(author, ids.at(-1)!), await rig.postAndWait(author, ids.at(-1)!)];
    const ms = runs.sort((a, b) => a - b)[1]!;
    const limitMs = rawSqliteInsert(temp.path, followers);
    return { followers, feedEntriesBefore: prefilled, ms: round(ms), limit: { name: 'raw node:sqlite insert of as many feed rows, one transaction', ms: round(limitMs) }, slowerThanLimitBy: ratio(ms, limitMs) };
  } finally {
    await rig.close();
    temp.remove();
  }
}

export const fanOutBenchmark: Benchmark = {
  name: 'fan-out',
  async run(scale, progress) {
    const quick = scale < 1;
    const small = quick ? 1000 : 10_000;
    const large = quick ? 10_000 : 100_000;
    const lengthProbe = quick ? 200 : 1000;
    const tenThousand = await fanOutTo(small, 0, progress);
    const hundredThousand = await fanOutTo(large, 0, progress);
    const emptyFeeds = await fanOutTo(lengthProbe, 0, progress);
    const fullFeeds = await fanOutTo(lengthProbe, 800, progress);
    return {
      ...(quick && { note: `--scale < 1: ${small} and ${large} followers instead of 10,000 and 100,000` }),
      small: { ...tenThousand, goal: '10,000 followers < 100 ms' },
      large: { ...hundredThousand, goal: '100,000 followers < 1,000 ms' },
      feedLength: { followers: lengthProbe, emptyFeedsMs: emptyFeeds.ms, fullFeedsMs: fullFeeds.ms, fullOverEmpty: ratio(fullFeeds.ms, emptyFeeds.ms), goal: 'about 1: cost independent of feed length' },
    };
  },
};

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { axeViolations, launchChromium, screenshotFolder, watchProblems } from './chromium.ts';

/** A browser page signed in to the web app, with the steps every web app suite takes. */
export interface WebAppSession {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
  /** A numbered full-page screenshot into the suite's folder. */
  shot(name: string): Promise<unknown>;
  /** No serious or critical axe-core violations on the page as it is now. */
  accessible(what: string): Promise<void>;
  /** Follows a navigation link (its name may go on with a count) and waits for the screen's heading. */
  open(link: string, heading: string): Promise<void>;
  /** The first post on the screen with this text. */
  article(text: string): ReturnType<Page['locator']>;
  /** On a failed test: a screenshot named after it. */
  failed(name: string): Promise<unknown>;
}

/** Signs `username` (a signUpUsers account) in through the app's OAuth flow with PKCE, in a fresh context. */
export async function signedInWebApp(browser: Browser, url: string, username: string, shots: string): Promise<WebAppSession> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchProblems(page);
  await page.goto(`${url}/web/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.fill('#login', username);
  await page.fill('#password', `${username} password 1`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  let step = 0;
  return {
    page,
    problems,
    shot: (name) => page.screenshot({ path: join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true }),
    accessible: async (what) => expect((await axeViolations(page)).join('\n'), what).toBe(''),
    async open(link, heading) {
      await page.getByRole('link', { name: new RegExp(`^${link}`) }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    },
    article: (text) => page.locator('article', { hasText: text }).first(),
    failed: (name) => page.screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined),
  };
}

export interface WebAppSuite {
  strata: StrataProcess;
  web: WebAppSession;
  dataDir: string;
}

/**
 * The hooks of a web app suite: a Strata process and Chromium, `prepare` (sign-ups, roles),
 * then `username` signed in; a screenshot of each failed test; everything stopped after.
 * The returned object is filled in before the suite's first test.
 */
export function useWebAppSuite(name: string, username: string, prepare: (suite: Omit<WebAppSuite, 'web'>) => Promise<void>): WebAppSuite {
  const temp = makeTempDir(`strata-e2e-${name}-`);
  const shots = screenshotFolder(name);
  const suite = { dataDir: temp.path } as WebAppSuite;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [suite.strata, browser] = await Promise.all([startStrataProcess({ dataDir: temp.path }), launchChromium()]);
    await prepare(suite);
    suite.web = await signedInWebApp(browser, suite.strata.url, username, shots);
  }, 60_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await suite.web?.failed(task.name);
  });
  afterAll(async () => {
    console.info(`${name} e2e screenshots: ${shots}`);
    await browser?.close();
    await suite.strata?.kill();
    temp.remove();
  });
  return suite;
}

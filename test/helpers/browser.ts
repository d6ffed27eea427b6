// Debian's chromium driven by playwright-core (it makes a fresh, empty profile for each launch). Without chromium the browser suites say loudly that they
// were skipped (in CI they fail instead: .ci/run installs chromium).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

export const chromiumPath = CANDIDATES.find((p) => existsSync(p));

export function browserSkipReason(): string | undefined {
  if (chromiumPath) return undefined;
  if (process.env.CI) throw new Error('CI must run the browser tests: chromium is not installed');
  return 'SKIPPED: no chromium found (apt-get install chromium), so the browser tests did not run';
}

export async function launchBrowser(): Promise<Browser & { cleanup(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  return Object.assign(browser, {
    async cleanup() {
      await browser.close();
    },
  });
}

/** Where screenshots are kept as test artifacts. */
export function artifactPath(name: string): string {
  const dir = join(process.cwd(), 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

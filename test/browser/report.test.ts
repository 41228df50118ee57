/**
 * The HTML report in a real browser: a real scan of the demo city (plus a PostgreSQL table with a
 * hostile column name) rendered by `minim report --format html`, opened in headless Chromium
 * (Debian's package), checked for content, filtering, sorting, no network, no script injection;
 * a screenshot is saved to test-output/report.png. Without Chromium the test skips (CI: fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPlan } from '../../src/plan/build-plan.js';
import { decide } from '../../src/plan/decide.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { writePlan } from '../../src/plan/plan-file.js';
import { readScanFile } from '../../src/report/read-input.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';
import { makeSteward, writeStewards } from '../helpers/stewards.js';
import { ensureDemoDatabase } from '../../src/demo/cache.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const why = `browser test: ${CHROMIUM} not found; install it with .ci/install-chromium.sh`;
  if (process.env['CI'] === 'true') throw new Error(`${why} (required in CI)`);
  console.warn(`${why}; skipped`);
}
const pgFound = haveChromium ? await getEngine('postgres') : { skip: 'no chromium' as const };

const run = async (argv: string[]) => (await runCaptured(argv)).code;

describe.skipIf(!haveChromium)('HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minim-browser-'));
  const profile = mkdtempSync(join(tmpdir(), 'minim-chromium-profile-'));
  const outDir = resolve('test-output');
  let browser: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  const env = { MINIM_DATA_DIR: join(dir, 'data') };
  beforeAll(async () => {
    const scanFile = join(dir, 'demo.json');
    // Two stored scans (a month apart in practice), for the trend.
    expect((await runCaptured(['scan', '--demo', '--history', '--seed', '2', '--format', 'json', '--out', join(dir, 'earlier.json'), '-q'], env)).code).toBe(0);
    expect((await runCaptured(['scan', '--demo', '--history', '--format', 'json', '--out', scanFile, '-q'], env)).code).toBe(0);
    // The real access review of the demo city's embedded database.
    const demoDir = await ensureDemoDatabase();
    expect((await runCaptured(['access', `demo=pglite:${demoDir}`, '--scan', scanFile, '--format', 'json', '--out', join(dir, 'access.json'), '-q'])).code).toBe(0);
    // A plan with one steward's approval, so plan status renders too.
    const scan = await readScanFile(scanFile);
    const plan = buildPlan(scan, await loadPolicy(), { scanPath: scanFile });
    const first = plan.items.find((i) => i.category === 'ssn')!;
    const ana = await makeSteward('Ana Steward');
    const { stewards } = await writeStewards(dir, [ana]);
    const { plan: decided } = decide(plan, [first], { verdict: 'approved', reason: 'payroll keeps SSNs for wage reporting', key: ana.key, stewards });
    await writePlan(join(dir, 'plan.yaml'), decided);
    const report = await runCaptured(['report', scanFile, '--plan', join(dir, 'plan.yaml'), '--access', join(dir, 'access.json'), '--history', '--format', 'html', '--out', join(dir, 'report.html')], env);
    expect(report.code, report.stderr).toBe(0);
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('shows departments, tables and findings with evidence and masked examples', async () => {
    await expect(page.title()).resolves.toBe('minim inventory');
    const depts = await page.locator('#departments h3').allTextContents();
    // The demo city maps each schema to its department.
    expect(depts).toEqual(expect.arrayContaining(['311 Call Center', 'Finance - Payroll']));
    expect(depts.length).toBeGreaterThanOrEqual(6);
    const groups = (await page.locator('#departments h4').allTextContents()).join(' | ');
    for (const schema of ['payroll', 'human_services', 'call_center_311', 'parks_rec']) expect(groups).toContain(schema);
    const ssnRow = page.locator('#inventory tbody tr', { hasText: 'ssn' }).first();
    await expect(ssnRow.locator('td').nth(7).textContent()).resolves.toMatch(/value|name|text/);
    // Masked examples only: no full SSN-shaped value anywhere in the page.
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
    expect(text).toContain('approved');
    expect(text).toContain('Ana Steward');
  });

  it('shows the picture first: the department × category matrix, risks, plan status, access, trend', async () => {
    const sections = await page.locator('body > section').evaluateAll((els) => els.map((e) => e.id));
    expect(sections.slice(0, 5)).toEqual(['matrix', 'risks', 'plan-status', 'access-exposure', 'trend']);
    const cats = await page.locator('#heatmap thead .cat').allTextContents();
    // The five audit categories first (those present), then the rest by name.
    expect(cats.slice(0, 5)).toEqual(['ssn', 'dob', 'medical', 'bank_account', 'credit_card']);
    expect(cats.slice(5)).toEqual([...cats.slice(5)].sort());
    const depts = await page.locator('#heatmap tbody th.dept').allTextContents();
    expect(depts).toEqual(expect.arrayContaining(['Finance - Payroll', 'Human Services', 'Municipal Court']));
    const filled = page.locator('#heatmap td.mcell[data-cat]');
    expect(await filled.count()).toBeGreaterThan(30);
    // Clicking a cell lists exactly that department's columns of that category.
    await page.locator('#heatmap td.mcell[data-cat="medical"][data-dept="Human Services"]').click();
    const shown = page.locator('#inventory tbody tr:not([hidden])');
    expect(await shown.count()).toBe(Number(await page.locator('#heatmap td.mcell[data-cat="medical"][data-dept="Human Services"] b').textContent()));
    await page.selectOption('#category', '');
    await page.selectOption('#department', '');
    await expect(page.locator('#risks').textContent()).resolves.toContain('dob + zip5 + sex');
    await expect(page.locator('#plan-status tbody tr').count()).resolves.toBeGreaterThan(3);
    await expect(page.locator('#access-exposure tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#trend svg.spark').count()).resolves.toBeGreaterThan(3);
  });

  it('gives every category its own colour', async () => {
    const colours = await page.locator('#heatmap thead .cat').evaluateAll((els) => els.map((e) => [e.textContent, getComputedStyle(e).backgroundColor]));
    expect(colours.length).toBeGreaterThan(8);
    expect(new Set(colours.map(([, c]) => c)).size).toBe(colours.length);
    // The same category has the same colour everywhere in the page.
    const ssnChips = await page.locator('.cat[data-cat="ssn"]').evaluateAll((els) => [...new Set(els.map((e) => getComputedStyle(e).backgroundColor))]);
    expect(ssnChips).toHaveLength(1);
  });

  it('fits 1280 px without horizontal overflow; identifiers never break mid-word', async () => {
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(client).toBe(1280);
    expect(scroll).toBeLessThanOrEqual(client);
    const styles = await page.locator('#inventory code').first().evaluate((e) => [getComputedStyle(e).wordBreak, getComputedStyle(e).overflowWrap]);
    expect(styles).toEqual(['normal', 'normal']);
    // Line breaks only where a <wbr> sits: after . _ or -.
    const html = await page.locator('#inventory tbody tr').first().innerHTML();
    for (const m of html.matchAll(/([^>])<wbr>/g)) expect('._-').toContain(m[1]);
  });

  it('prints well: controls hidden, every section kept, a PDF rendered', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.locator('.controls').isVisible()).resolves.toBe(false);
      await expect(page.locator('#heatmap').isVisible()).resolves.toBe(true);
      const bg = await page.locator('#heatmap td.mcell[data-cat]').first().evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(bg).not.toBe('rgba(0, 0, 0, 0)');
      const pdf = await page.pdf({ format: 'Letter', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('filters by typing and by category; sorts by clicking a header', async () => {
    const rows = page.locator('#inventory tbody tr');
    const total = await rows.count();
    expect(total).toBeGreaterThan(20);
    await page.fill('#filter', 'credit_card');
    const visible = page.locator('#inventory tbody tr:not([hidden])');
    const n = await visible.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(total);
    for (const t of await visible.allTextContents()) expect(t.toLowerCase()).toContain('credit_card');
    await expect(page.textContent('#count')).resolves.toBe(`${n} of ${total} columns`);
    await page.fill('#filter', '');
    await page.selectOption('#category', 'dob');
    for (const c of await visible.evaluateAll((els) => els.map((e) => e.getAttribute('data-cats')))) expect(c).toContain('dob');
    await page.selectOption('#category', '');
    await page.click('#inventory thead th:nth-child(7)');
    await page.click('#inventory thead th:nth-child(7)');
    const conf = (await page.locator('#inventory tbody tr td:nth-child(7)').allTextContents()).map(Number);
    expect(conf).toEqual([...conf].sort((a, b) => b - a));
  });

  it('loads nothing from the network and saves a screenshot', async () => {
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    // The whole page with the column list narrowed to one department's schema: departments, exposure and findings.
    await page.selectOption('#schema', 'payroll');
    await page.locator('#filter').blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(outDir, { recursive: true });
    const png = join(outDir, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    // The first screen, as a steward opens the file.
    await page.selectOption('#schema', '');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(outDir, 'report-first-screen.png') });
    const bytes = readFileSync(png);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  describe.skipIf(!pgFound.engine)('hostile names', () => {
    let db: TestDatabase;
    afterAll(async () => {
      await db?.drop();
    });
    it('renders a <script> column name as text and runs none of it', async () => {
      db = await createTestDatabase(pgFound.engine!, 'browser_hostile');
      await db.exec([
        `CREATE TABLE "<b>calls</b>" (id int PRIMARY KEY, "<script>window.__pwned=1</script>ssn" text, "<img src=x onerror=window.__pwned=2>" text)`,
        `INSERT INTO "<b>calls</b>" SELECT g, (100 + g)::text || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0'), 'x' FROM generate_series(1, 200) g`,
        `ANALYZE`,
      ]);
      const scanFile = join(dir, 'hostile.json');
      expect(await run(['scan', db.url, '--format', 'json', '--out', scanFile, '-q'])).toBe(0);
      const html = join(dir, 'hostile.html');
      expect(await run(['report', scanFile, '--format', 'html', '--out', html, '--all-columns'])).toBe(0);
      const p = await browser.newPage();
      await p.goto(pathToFileURL(html).href);
      await expect(p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
      const body = (await p.textContent('#inventory')) ?? '';
      expect(body).toContain('<script>window.__pwned=1</script>ssn');
      expect(body).toContain('<img src=x onerror=window.__pwned=2>');
      await expect(p.locator('#inventory img').count()).resolves.toBe(0);
      await p.close();
    });
  });
});

// Statistics in a real browser (issue 18): the charts draw in Chromium, a hover
// shows a formatted tooltip (English, then Russian), a like opens the list of
// those dialogs with the client's name, and the name opens the conversation.
// Set SCREENSHOTS=1 to refresh docs/screenshots/stats-charts.png and dashboard.png.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Play, startWorld, type World } from '../reports/support.js';
import { buildWebIfStale } from '../support/web-build.js';

const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');
mkdirSync(SHOTS, { recursive: true });

const DAY = 86_400_000;
let world: World;
let play: Play;
let browser: Browser;
let page: Page;
const liked: string[] = [];

beforeAll(async () => {
  buildWebIfStale();
  world = await startWorld();
  play = await Play.create(world);
  // Three past days, each with a dialog Natalia answers in 12 s and the client likes.
  const now = Date.now();
  for (const [n, name] of ['Olga', 'Ivan', 'Anna'].entries()) {
    const client = await play.contact('widget', name);
    const start = now - (3 - n) * DAY;
    world.at(start);
    const id = await play.says(client, `Where is my order, ${name}?`);
    world.at(start + 5_000);
    await play.take('Natalia', id);
    world.at(start + 12_000);
    await play.reply('Natalia', id, `Let me check, ${name}`);
    world.at(start + 60_000);
    await play.closeBy('Natalia', id);
    await play.rate(client, id, 'like');
    liked.push(id);
  }
  // The dashboard's two days: an hour ago, and the same time a week ago (a missed dialog).
  // (Just after midnight UTC, at midnight: both must fall on their own day so far.)
  const today = Math.max(now - 3_600_000, Date.parse(new Date(now).toISOString().slice(0, 10)));
  for (const [name, start] of [
    ['Petr', today - 7 * DAY],
    ['Maria', today],
  ] as const) {
    const client = await play.contact('widget', name);
    world.at(start);
    const id = await play.says(client, 'Hello?');
    world.tick(8);
    if (name === 'Petr') await play.closeBy(client, id);
    else {
      await play.take('Natalia', id);
      await play.reply('Natalia', id, 'Hello, Maria');
    }
  }
  world.at(now);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

/** Moves the mouse across the plot until a tooltip shows; returns its text. */
async function hoverForTooltip(chart: Locator): Promise<string> {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error('the chart has no plot area');
  const tooltip = chart.getByRole('tooltip');
  for (let x = 2; x < box.width; x += 8) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    if (await tooltip.isVisible()) return (await tooltip.textContent()) ?? '';
  }
  throw new Error('no tooltip anywhere over the chart');
}

describe('statistics in the browser', () => {
  it('shows a formatted tooltip on hover and opens a conversation from a drill-down', async () => {
    const sveta = play.account.operator('Sveta');
    await page.goto(world.server.url);
    await page.getByLabel('E-mail').fill(sveta.email);
    await page.getByLabel('Password').fill(sveta.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.header .who').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();

    const breakdown = page.getByRole('region', { name: 'Breakdown' });
    const times = breakdown.getByRole('img', { name: /^Wait and first response/ });
    await times.locator('canvas').waitFor();
    const text = (await hoverForTooltip(times)).replace(/\s/g, ' ');
    // The day, then each series with its unit; the first response of that day was 12 s.
    expect(text).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}Wait, avg: 5 sWait, median: 5 sFirst response, avg: 12 s$/,
    );
    await page.screenshot({ path: join(SHOTS, 'stats-charts.png') });

    // The same in Russian.
    await page.getByLabel('Language').selectOption('ru');
    const ru = page
      .getByRole('region', { name: 'Разбивка' })
      .getByRole('img', { name: /^Ожидание и первый ответ/ });
    await ru.locator('canvas').waitFor();
    const russian = (await hoverForTooltip(ru)).replace(/\s/g, ' ');
    expect(russian).toMatch(
      /^(пн|вт|ср|чт|пт|сб|вс), \d{1,2} [а-я]+\.?.*Первый ответ, среднее: 12 с$/,
    );
    await page.getByLabel('Язык').selectOption('en');

    // Natalia's likes open the list of those dialogs; a client's name opens the conversation.
    await page.getByRole('button', { name: 'Show the 3 liked conversations of Natalia' }).click();
    const open = page.getByRole('link', { name: 'Open the conversation with Ivan' });
    await open.waitFor();
    const row = open.locator('xpath=ancestor::tr[1]');
    const cells = (await row.locator('td').allTextContents()).map((c) => c.replace(/\s/g, ' '));
    expect(cells.slice(0, 2)).toEqual(['widget', 'Natalia']);
    expect(cells.slice(3)).toEqual(['5 s', '12 s', 'Answered']);
    await open.click();
    await page.waitForURL(`**/c/${liked[1]}`);
    await page.getByText('Let me check, Ivan').waitFor();
  });

  it('shows today against last week on the dashboard', async () => {
    await page.goto(`${world.server.url}/dashboard`);
    const card = page.getByRole('region', { name: 'Conversations' });
    await card.locator('canvas').waitFor();
    expect((await card.textContent())?.replace(/\s/g, ' ')).toContain('Same weekday last week:');
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });
  });
});

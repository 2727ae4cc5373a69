// Entry point of widget.js: `<script src="https://HOST/widget.js" data-channel="KEY" async>`.
// Reads the channel's public settings, decides the display share, and mounts the
// chat inside a Shadow DOM so the page and the widget cannot break each other.
import { createChat } from './chat.js';
import { pickLanguage, STRINGS } from './i18n.js';
import type { KeyValueStore } from './outbox.js';
import { launcherVisible, shareBucket } from './share.js';
import { readJson, widgetStorage, writeJson } from './storage.js';
import css from './style.css?inline';
import type { ChatOptions, WidgetConfig } from './types.js';
import { mountView } from './view.js';

/** Settings are re-read at most this often; a cached copy also lets the widget start while the server is down. */
const CONFIG_TTL_MS = 5 * 60_000;

// Must be read while the script runs: currentScript is null afterwards.
const script = (document.currentScript ??
  document.querySelector('script[data-channel][src*="widget.js"]')) as HTMLScriptElement | null;

async function loadConfig(base: string, key: string, store: KeyValueStore): Promise<WidgetConfig> {
  const cached = readJson<{ at: number; config: WidgetConfig }>(store, 'config');
  if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached.config;
  try {
    const res = await fetch(`${base}/api/v1/widget/config?channelKey=${encodeURIComponent(key)}`, {
      credentials: 'omit',
    });
    if (!res.ok) {
      // The server refused this channel or this site: forget it rather than show a dead chat.
      if (res.status === 403 || res.status === 404) store.removeItem('config');
      throw new Error(`config ${res.status}`);
    }
    const config = (await res.json()) as WidgetConfig;
    writeJson(store, 'config', { at: Date.now(), config });
    return config;
  } catch (e) {
    const stale = readJson<{ config: WidgetConfig }>(store, 'config');
    if (stale) return stale.config;
    throw e;
  }
}

async function boot(el: HTMLScriptElement) {
  const channelKey = el.dataset.channel;
  if (
    !channelKey ||
    document.querySelector(`[data-switchboard-widget="${CSS.escape(channelKey)}"]`)
  )
    return;
  const base = el.src.replace(/\/widget\.js([?#].*)?$/, '');
  const store = widgetStorage(channelKey);
  const config = await loadConfig(base, channelKey, store);

  const bucket = shareBucket(store.getItem('share'), Math.random);
  store.setItem('share', String(bucket));
  const conv = readJson<{ state: string }>(store, 'conv');
  const hasOpen = (!!conv && conv.state !== 'closed') || !!store.getItem('outbox');
  const shown = launcherVisible(config.displayShare, bucket, hasOpen);
  // Lets the page (and tests) know whether this visitor got the widget.
  window.dispatchEvent(new CustomEvent('switchboard-widget', { detail: { shown } }));
  if (!shown) return;

  const lang = pickLanguage(document.documentElement.lang || null, navigator.languages ?? []);
  // A custom tag, so page rules written for div or span do not match the host.
  const host = document.createElement('switchboard-chat');
  host.setAttribute('data-switchboard-widget', channelKey);
  // Its text is in `lang`, whatever the page around it is written in.
  host.setAttribute('lang', lang);
  // Inline beats any page rule that still matches the host; `all` leaves custom properties alone.
  host.style.setProperty('all', 'initial');
  host.style.setProperty('--c', config.color);
  host.style.setProperty('--t', config.textColor ?? '#fff');
  const shadow = host.attachShadow({ mode: 'open' });
  const options: ChatOptions = {
    base,
    channelKey,
    config,
    store,
    navigate: (url) => location.assign(url),
  };
  const chat = createChat(options);
  mountView(shadow, chat, config, STRINGS[lang], lang, css);
  document.body.appendChild(host);
}

function start() {
  if (!script) return;
  boot(script).catch((e: unknown) => console.warn('[switchboard] chat widget not started:', e));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);

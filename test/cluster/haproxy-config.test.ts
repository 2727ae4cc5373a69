// deploy/haproxy.cfg is the configuration users deploy and the one the
// cluster bench runs: the bench's rendering changes only addresses, the
// deploy-only lines: the health check is the deployed /api/ready.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHaproxy, HAPROXY_CONFIG, renderHaproxyConfig } from '../../bench/cluster/haproxy.js';

const template = readFileSync(HAPROXY_CONFIG, 'utf8');
const layout = {
  bind: '127.0.0.1:18080',
  stats: '127.0.0.1:18404',
  nodes: ['127.0.0.1:13001', '127.0.0.1:13002', '127.0.0.1:13003', '127.0.0.1:13004'],
};

describe('deploy/haproxy.cfg as the bench runs it', () => {
  const rendered = renderHaproxyConfig(template, layout);
  const lines = rendered.split('\n').map((l) => l.trim());

  it('balances by least connections with no stickiness, and checks readiness in the deployed file', () => {
    expect(template).toMatch(/^\s*balance leastconn$/m);
    expect(template).not.toMatch(/\b(cookie|stick-table|stick on|balance source)\b/);
    expect(template).toMatch(/http-check send meth GET uri \/api\/ready$/m);
  });

  it('puts one server line per node and its own addresses in the binds', () => {
    expect(lines.filter((l) => l.startsWith('server '))).toEqual(
      layout.nodes.map((n, i) => `server node${i + 1} ${n} check`),
    );
    expect(lines).toContain('bind 127.0.0.1:18080');
    expect(lines).toContain('bind 127.0.0.1:18404');
    expect(lines).toContain('http-check send meth GET uri /api/ready');
  });

  it('drops only the deploy-only lines; everything else is the deployed file', () => {
    const directives = lines.filter((l) => l && !l.startsWith('#'));
    expect(directives.filter((l) => /deploy-only|^(chroot|user|group|log \/dev)/.test(l))).toEqual(
      [],
    );
    const kept = (text: string) =>
      text
        .split('\n')
        .filter((l) => !/deploy-only|^\s*(server|bind) /.test(l))
        .join('\n');
    expect(kept(rendered)).toBe(kept(template));
  });

  it.skipIf(!findHaproxy())('is a configuration HAProxy accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-cfg-'));
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(file, rendered);
    expect(() => execFileSync(findHaproxy()!, ['-c', '-q', '-f', file])).not.toThrow();
    // The deployed file too, as it is.
    expect(() => execFileSync(findHaproxy()!, ['-c', '-q', '-f', HAPROXY_CONFIG])).not.toThrow();
  });
});

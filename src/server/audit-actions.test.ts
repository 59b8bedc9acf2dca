// Every action the server writes to the audit log is in the catalogue (src/domain/audit-actions.ts),
// and so has words on the audit page (src/web/i18n/audit.test.ts): found by reading the source for
// the records it writes, as a reviewer would grep for `action: '`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../domain/audit-actions.js';

const SERVER = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

// The `action:` of each record written (recordAudit, auditStatement): its string literals, and its
// template literals as patterns (`export.${input.kind}`).
function recordedActions(): { file: string; action: string; pattern: RegExp }[] {
  const found: { file: string; action: string; pattern: RegExp }[] = [];
  for (const file of sources(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\b(?:recordAudit|auditStatement)\(/g)) {
      const rest = text.slice(call.index ?? 0, (call.index ?? 0) + 1500);
      const line = /\baction(?::\s*([^\n]+)|,)/.exec(rest);
      if (!line) continue;
      const expression = line[1] ?? 'action';
      for (const literal of expression.matchAll(/'([^']+)'|`([^`]+)`/g)) {
        const action = literal[1] ?? literal[2] ?? '';
        const pattern = new RegExp(
          `^${action
            .split(/\$\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[a-z_]+')}$`,
        );
        found.push({ file: path.relative(SERVER, file), action, pattern });
      }
    }
  }
  return found;
}

describe('audited actions (issue 13.9)', () => {
  it('every action the server records is in the catalogue, so the audit page has words for it', () => {
    const recorded = recordedActions();
    // The gate's records, among others, are found.
    for (const gate of ['departure.release', 'departure.call', 'departure.custody', 'pickup.code_view']) {
      expect(recorded.map((r) => r.action)).toContain(gate);
    }
    const unknown = recorded.filter((r) => !AUDIT_ACTIONS.some((a) => r.pattern.test(a)));
    expect(unknown.map((r) => `${r.file}: ${r.action}`)).toEqual([]);
  });
});

// The dockerfile-lsp.severity setting lists every rule the server reports: every `### Rule` section of
// analysis/rules/RULES.md (the project's rules and the Compose and Bake rules; Go tests make sure each
// of those has a section) and every BuildKit check of analysis/buildkit/buildkit.go. A rule listed here
// that is neither is a stale entry.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const pkg = require('../package.json');
const { RULES, SEVERITIES } = require('../out/config.js');

const root = path.join(__dirname, '..', '..', '..');

function documentedRules() {
  const md = fs.readFileSync(path.join(root, 'analysis', 'rules', 'RULES.md'), 'utf8');
  return [...md.matchAll(/^### +(\S+) *$/gm)].map((m) => m[1]);
}

// BuildKit's checks: the entries of the Rules list, `rule(&linter.RuleName)` (BuildKit names each
// linter.RuleX variable after its rule X), plus the server's own notes about them.
function buildkitRules() {
  const src = fs.readFileSync(path.join(root, 'analysis', 'buildkit', 'buildkit.go'), 'utf8');
  const list = /\nvar Rules = \[\]Rule\{\n([\s\S]*?)\n\}\n/.exec(src);
  assert.ok(list, 'buildkit.go: no `var Rules = []Rule{…}`');
  const names = [...list[1].matchAll(/rule\(&linter\.Rule(\w+)\)/g)].map((m) => m[1]);
  assert.ok(names.length >= 20, `buildkit.go: only ${names.length} BuildKit rules found`);
  // The server's own notes about BuildKit (RuleBuildKitError, RuleBuildKitIncomplete): `Name: RuleX` in the
  // list, with `RuleX = "X"` declared in the file.
  const own = [...list[1].matchAll(/Name: (Rule\w+)/g)].map((m) => {
    const decl = new RegExp(`\\b${m[1]} = "(\\w+)"`).exec(src);
    assert.ok(decl, `buildkit.go: ${m[1]} is in Rules but not declared`);
    return decl[1];
  });
  assert.ok(own.includes('BuildKitError'), 'buildkit.go: RuleBuildKitError is not in Rules');
  return [...names, ...own];
}

const severity = pkg.contributes.configuration.properties['dockerfile-lsp.severity'];
const listed = Object.keys(severity.properties);

test('every rule of RULES.md has a severity setting', () => {
  const documented = documentedRules();
  assert.ok(documented.length >= 20, `RULES.md: only ${documented.length} rule sections found`);
  const missing = documented.filter((r) => !listed.includes(r));
  assert.deepEqual(missing, [], 'rules documented in RULES.md but missing in package.json dockerfile-lsp.severity');
});

test('every BuildKit check has a severity setting', () => {
  const missing = buildkitRules().filter((r) => !listed.includes(r));
  assert.deepEqual(missing, [], 'BuildKit rules missing in package.json dockerfile-lsp.severity');
});

test('every severity setting names a rule that RULES.md documents or BuildKit reports', () => {
  const known = new Set([...documentedRules(), ...buildkitRules()]);
  const stale = listed.filter((r) => !known.has(r));
  assert.deepEqual(stale, [], 'package.json dockerfile-lsp.severity lists rules that neither RULES.md nor buildkit.go knows');
});

test('every severity setting takes the five levels and says in one line what the rule reports', () => {
  assert.deepEqual(listed, [...RULES], 'package.json and config.ts RULES list the same rules in the same order');
  for (const [rule, p] of Object.entries(severity.properties)) {
    assert.equal(p.type, 'string', rule);
    assert.deepEqual(p.enum, [...SEVERITIES], rule);
    assert.equal(typeof p.description, 'string', rule);
    assert.ok(p.description.length > 20 && !p.description.includes('\n'), `${rule}: description ${JSON.stringify(p.description)}`);
  }
  assert.deepEqual(severity.additionalProperties, { type: 'string', enum: [...SEVERITIES] }, 'other rule names still pass');
});

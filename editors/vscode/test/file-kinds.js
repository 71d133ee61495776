// Which file names the server reads as Compose or Bake files: a copy of isComposeName and isBakeName in
// analysis/targets/targets.go (KindOf), kept honest by file-names.test.js, which asks the real server
// about NAMES when DOCKERFILE_LSP is set. Shared by the VS Code and the JetBrains tests (no dependencies).
'use strict';

// Go's strings.ToLower on the characters that matter here: the ASCII letters, and the two non-ASCII
// characters it lower-cases to ASCII letters (İ U+0130 → i, Kelvin sign U+212A → k).
function goLower(s) {
  return [...s].map((c) => (c === '\u0130' ? 'i' : c === '\u212a' ? 'k' : /[A-Z]/.test(c) ? c.toLowerCase() : c)).join('');
}

const baseName = (p) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
const extOf = (base) => (base.lastIndexOf('.') < 0 ? '' : base.slice(base.lastIndexOf('.')));

/** 'compose', 'bake' or undefined, for a path or a file name. */
function composeBakeKind(p) {
  const base = goLower(baseName(p));
  const ext = extOf(base);
  const stem = base.slice(0, base.length - ext.length);
  if ((ext === '.yml' || ext === '.yaml') &&
    ['docker-compose', 'compose'].some((prefix) => stem === prefix || stem.startsWith(`${prefix}.`))) {
    return 'compose';
  }
  if ((ext === '.hcl' || ext === '.json') &&
    (stem === 'docker-bake' || stem.startsWith('docker-bake.') || (ext === '.hcl' && stem.endsWith('.override')))) {
    return 'bake';
  }
  return undefined;
}

// Names on both sides of the line: the usual ones, other letter cases, near misses.
const NAMES = [
  'compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml',
  'compose.prod.yml', 'docker-compose.dev.yml', 'docker-compose.override.yaml', 'compose..yaml',
  'compose.yaml.yml', 'Compose.YAML', 'DOCKER-COMPOSE.YML', 'Docker-Compose.Prod.Yml', 'doc\u212aer-compose.yml',
  'docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json',
  'docker-bake.prod.hcl', 'ci.override.hcl', '.override.hcl', 'Docker-Bake.HCL', 'DOCKER-BAKE.JSON',
  'CI.OVERRIDE.HCL', 'ci.overr\u0130de.hcl', 'docker-ba\u212ae.hcl',
  'docker-compose-dev.yml', 'compose-dev.yaml', 'composer.yaml', 'my-compose.yaml', 'mycompose.yml',
  'compose.json', 'compose', 'compose.yaml.txt', 'docker-compose.yaml~', 'compose.ymlx', 'values.yaml',
  'docker-bake.yaml', 'docker-bake', 'docker-bake-dev.hcl', 'dockerbake.hcl', 'main.hcl', 'override.hcl',
  'ci.override.json', 'ci.override.hcl.bak', 'package.json', 'Dockerfile', 'Dockerfile.compose',
  'compose.dockerfile', 'Makefile', 'build.sh', '.gitlab-ci.yml', 'README.md',
];

// What random names are made of: a stem, up to two dotted middles and an extension, in several cases,
// so that about half of them are Compose or Bake names and the rest miss by little.
const STEMS = ['compose', 'docker-compose', 'docker-bake', 'Compose', 'DOCKER-COMPOSE', 'Docker-Bake',
  'doc\u212aer-compose', 'docker-ba\u212ae', 'composer', 'my-compose', 'compose-dev', 'docker-bake-dev', 'docker',
  'bake', 'override', 'x', '', 'Dockerfile'];
const MIDDLES = ['override', 'Override', 'overr\u0130de', 'prod', '', 'x.y', 'compose', 'yaml', 'hcl', 'é'];
const EXTS = ['yml', 'yaml', 'hcl', 'json', 'YML', 'Yaml', 'HCL', 'Json', 'txt', 'yaml~', ''];

/** n reproducible random file names (a small linear congruential generator). */
function randomNames(n, seed = 1) {
  let x = seed;
  const next = (m) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % m;
  };
  const out = [];
  while (out.length < n) {
    let name = (next(8) === 0 ? '.' : '') + STEMS[next(STEMS.length)];
    for (let k = next(3); k > 0; k--) name += `.${MIDDLES[next(MIDDLES.length)]}`;
    const ext = EXTS[next(EXTS.length)];
    if (ext) name += `.${ext}`;
    if (name && name !== '.' && name !== '..') out.push(name);
  }
  return out;
}

module.exports = { goLower, composeBakeKind, NAMES, randomNames };

// Pure helpers of the extension (no vscode import), unit-tested directly.
import * as fs from 'fs';
import * as path from 'path';

export const SECTION = 'dockerfile-lsp';
export const SERVER_NAME = 'dockerfile-lsp';

export const INSTALL_COMMAND = 'go install github.com/dockerfile-lsp/dockerfile-lsp/cmd/dockerfile-lsp@latest';
/** Where the prebuilt servers are: an archive per platform and SHA256SUMS. */
export const RELEASES_URL = 'https://github.com/dockerfile-lsp/dockerfile-lsp/releases';

/**
 * The rule names the settings schema (package.json, dockerfile-lsp.severity) lists: the project's rules
 * (analysis/rules/RULES.md), the Compose and Bake rules, and BuildKit's checks. Any other name is passed
 * through to the server as well.
 */
export const RULES = [
  // Stage rules
  'UnusedStage',
  'UnknownStage',
  'StageIndexOutOfRange',
  'CircularStageDependency',
  'VariableInCopyFrom',
  'DuplicateStageName',
  'ReservedStageName',
  // Final-image and base-image rules
  'FinalStageBuildImage',
  'BuildToolsInFinalStage',
  'SourceCopiedIntoFinalStage',
  'PackageCacheNotCleaned',
  'AptNoInstallRecommends',
  'DevDependenciesInFinalStage',
  'SingleStageBuild',
  'CacheBustingCopy',
  'FinalStageRunsAsRoot',
  'UnpinnedBaseImage',
  // Artifact-flow rules
  'CopyFromMissingPath',
  'ProgramNotInImage',
  'ShellNotInImage',
  'LibcMismatch',
  'ManifestNotCopied',
  // Build-context rules
  'CopySourceNotFound',
  'ContextNotIgnored',
  'SecretCopiedToFinalStage',
  // Multi-platform rules
  'RuntimeOnBuildPlatform',
  'CrossCompileIgnoresTarget',
  'EmulatedBuildStage',
  // Compose and Bake files
  'UnknownTarget',
  'MissingBuildContext',
  'MissingDockerfile',
  'InvalidBuildFile',
  // .dockerignore files
  'InvalidIgnorePattern',
  'IgnoreExcludesEverything',
  'IgnoreExcludesDockerfile',
  // BuildKit's checks (DuplicateStageName and ReservedStageName are the project's, above)
  'StageNameCasing',
  'FromAsCasing',
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'JSONArgsRecommended',
  'MaintainerDeprecated',
  'UndefinedArgInFrom',
  'WorkdirRelativePath',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat',
  'InvalidBaseImagePlatform',
  'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv',
  'InvalidDefaultArgInFrom',
  'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile',
  'InvalidDefinitionDescription',
  'ExposeProtoCasing',
  'ExposeInvalidFormat',
  'BuildKitError',
  'BuildKitIncomplete',
] as const;

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;

/** File names users expect to be Dockerfiles, as glob patterns (matched against the whole path). */
export const DOCKERFILE_PATTERNS = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
];

/**
 * Compose and Bake file names, as the server recognises them (analysis/targets KindOf): compose.yaml,
 * compose.yml, docker-compose.yaml, docker-compose.yml and compose.<anything>.yaml (…yml) variants;
 * docker-bake.hcl, docker-bake.json, docker-bake.<anything>.hcl|json and <anything>.override.hcl. Written
 * in lower case; the server ignores case, so the patterns below do too.
 */
export const COMPOSE_BAKE_NAMES = [
  '{compose,docker-compose}.{yml,yaml}',
  '{compose,docker-compose}.*.{yml,yaml}',
  'docker-bake.{hcl,json}',
  'docker-bake.*.{hcl,json}',
  '*.override.hcl',
];

// Besides the ASCII capitals, Go's strings.ToLower (which the server uses) turns two characters into
// ASCII letters: İ (U+0130) into i and the Kelvin sign (U+212A) into k.
const OTHER_CASES: Record<string, string> = { i: '\u0130', k: '\u212a' };

/**
 * Makes a glob ignore case: every ASCII letter becomes a class of the spellings that lower-case to it
 * (`a` → `[aA]`). VS Code's glob matching is case-sensitive and has no option for it.
 */
export function anyCase(glob: string): string {
  return glob.replace(/[a-z]/gi, (c) => {
    const l = c.toLowerCase();
    return `[${l}${l.toUpperCase()}${OTHER_CASES[l] ?? ''}]`;
  });
}

/** Compose and Bake files, which name Dockerfiles and build targets, as glob patterns on the whole path. */
export const COMPOSE_BAKE_PATTERNS = COMPOSE_BAKE_NAMES.map((name) => `**/${anyCase(name)}`);

export type DocumentFilter = { language: string } | { scheme: string; pattern: string };

/**
 * The documents the server gets: the dockerfile language and the Dockerfile names, and, unless the
 * dockerfile-lsp.composeAndBake setting is off, Compose and Bake files. The server tells them apart by
 * file name and gives those their own features (target completion, diagnostics, definition, hover).
 */
export function documentSelector(composeAndBake = true): DocumentFilter[] {
  return [
    { language: 'dockerfile' },
    ...DOCKERFILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ...(composeAndBake ? COMPOSE_BAKE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })) : []),
  ];
}

/** Reads a setting; `get` is WorkspaceConfiguration.get or a stand-in. */
export type Getter = <T>(key: string, defaultValue: T) => T;

export interface ServerSettings {
  severity: Record<string, string>;
  target?: string;
  buildArgs?: Record<string, string>;
  format?: { keepIndent: boolean };
  context?: string;
}

/**
 * The server's configuration (initializationOptions, and the `dockerfile-lsp` section of
 * didChangeConfiguration): severity per rule (invalid values dropped) and the build target.
 */
export function serverSettings(get: Getter): ServerSettings {
  const severity: Record<string, string> = {};
  const raw = get<Record<string, unknown>>('severity', {}) ?? {};
  for (const [rule, level] of Object.entries(raw)) {
    if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) {
      severity[rule] = level;
    }
  }
  const out: ServerSettings = { severity };
  const target = (get<string>('target', '') ?? '').trim();
  if (target) out.target = target;
  const buildArgs: Record<string, string> = {};
  for (const [name, value] of Object.entries(get<Record<string, unknown>>('buildArgs', {}) ?? {})) {
    if (name && typeof value === 'string') buildArgs[name] = value;
  }
  if (Object.keys(buildArgs).length) out.buildArgs = buildArgs;
  out.format = { keepIndent: get<boolean>('format.keepIndent', false) === true };
  const context = (get<string>('context', '') ?? '').trim();
  if (context) out.context = context;
  return out;
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/'))) return path.join(home, p.slice(1));
  return p;
}

/**
 * Finds the server: the `dockerfile-lsp.path` setting when set (a path, or a bare name looked up on
 * PATH), else `dockerfile-lsp` on PATH. Returns undefined when nothing executable is found.
 */
export function resolveServerPath(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = expandHome((configured ?? '').trim(), env);
  if (setting && (setting.includes('/') || setting.includes('\\'))) {
    return isExecutable(setting) ? path.resolve(setting) : undefined;
  }
  const name = setting || SERVER_NAME;
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The server a platform package carries (package.sh TARGET): server/dockerfile-lsp in the extension. */
export function bundledServerPath(extensionPath: string, platform: string = process.platform): string | undefined {
  const file = path.join(extensionPath, 'server', platform === 'win32' ? 'dockerfile-lsp.exe' : 'dockerfile-lsp');
  return isExecutable(file) ? file : undefined;
}

/**
 * The server to run and where it comes from: the dockerfile-lsp.path setting when set, else the one
 * bundled in a platform package, else dockerfile-lsp on PATH.
 */
export function chooseServer(
  configured: string | undefined,
  extensionPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; origin: string } | undefined {
  if (configured && configured.trim()) {
    const command = resolveServerPath(configured, env);
    return command ? { command, origin: 'the dockerfile-lsp.path setting' } : undefined;
  }
  const bundled = extensionPath ? bundledServerPath(extensionPath) : undefined;
  if (bundled) return { command: bundled, origin: 'the server bundled with the extension' };
  const command = resolveServerPath('', env);
  return command ? { command, origin: 'PATH' } : undefined;
}

export function notFoundMessage(configured: string | undefined): string {
  const where = configured && configured.trim()
    ? `at "${configured.trim()}" (setting dockerfile-lsp.path)`
    : 'on PATH';
  return `Dockerfile LSP: the dockerfile-lsp server was not found ${where}. ` +
    `Download it for your platform from ${RELEASES_URL}, put it on PATH and check it with ` +
    '"dockerfile-lsp --version"; or, with Go 1.26.8 or newer, run ' +
    `"${INSTALL_COMMAND}" and make sure $(go env GOPATH)/bin is on PATH; ` +
    'or set "dockerfile-lsp.path" to the executable. Then run "Dockerfile LSP: Restart server".';
}

export interface Stage {
  /** 0-based stage index. */
  index: number;
  /** The name after AS, if any. */
  name?: string;
  /** The base image or stage. */
  base: string;
  /** 0-based line of the FROM instruction. */
  line: number;
}

/**
 * Lists the stages of a Dockerfile: logical lines (continuations joined, comments skipped, heredoc
 * bodies skipped) that are FROM instructions. Used by "Build stage…"; the server does the real analysis.
 */
export function parseStages(text: string): Stage[] {
  const lines = text.split(/\r\n|\r|\n/);
  let escape = '\\';
  // Parser directives: comment lines at the very top.
  for (const l of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const stages: Stage[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let logical = '';
    let heredocs: string[] = [];
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (/^\s*#/.test(l)) {
        if (logical) continue; // a comment inside a continuation is dropped
        logical = l; // a comment line is never continued
        i++;
        break;
      }
      const trimmed = l.replace(/\s+$/, '');
      if (trimmed.endsWith(escape)) {
        logical += trimmed.slice(0, -1) + ' ';
        continue;
      }
      logical += l;
      i++;
      break;
    }
    if (/^\s*#/.test(logical) || !logical.trim()) continue;
    for (const m of logical.matchAll(/<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) heredocs.push(m[2]);
    if (/^\s*(RUN|COPY|ADD)\b/i.test(logical)) {
      for (const delim of heredocs) {
        while (i < lines.length && lines[i].replace(/^\t+/, '').trim() !== delim) i++;
        i++;
      }
    }
    heredocs = [];
    const m = /^\s*FROM(?:\s+(.*))?$/i.exec(logical);
    if (!m) continue;
    const words = (m[1] ?? '').trim().split(/\s+/).filter((w) => !w.startsWith('--'));
    const stage: Stage = { index: stages.length, base: words[0] ?? '', line: start };
    if (words.length >= 3 && words[1].toLowerCase() === 'as') stage.name = words[2];
    stages.push(stage);
  }
  return stages;
}

/** Quotes one argument for the terminal's shell. */
export function shellQuote(arg: string, platform: string = process.platform): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  if (platform === 'win32') return `"${arg.replace(/"/g, '\\"')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The `docker build` command line for one stage. */
export function buildCommand(
  stage: string,
  dockerfile: string,
  context: string,
  extraArgs: string[] = [],
  platform: string = process.platform,
): string {
  const args = ['docker', 'build', '--target', stage, '-f', dockerfile, ...extraArgs, context];
  return args.map((a) => shellQuote(a, platform)).join(' ');
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The level of one line of the server's stderr, and the message without the time and level the
 * output channel adds itself. The server logs with zap's console format, "TIME\tlevel\tmessage...";
 * any other line (a Go panic says "panic:") is info unless it says it is an error.
 */
export function parseLogLine(line: string): { level: LogLevel; message: string } {
  const m = /^\S+\t(debug|info|warn|error|dpanic|panic|fatal)\t(.*)$/i.exec(line);
  if (m) {
    const name = m[1].toLowerCase();
    const level: LogLevel = name === 'debug' || name === 'info' || name === 'warn' ? name : 'error';
    return { level, message: m[2] };
  }
  if (/^(panic:|fatal error:)/.test(line)) return { level: 'error', message: line };
  return { level: 'info', message: line };
}

/** The argument of the server's code lens command (dockerfile-lsp.runBuild). */
export interface BuildLine {
  command: string;
  args: string[];
  cwd: string;
}

/** The stage and Dockerfile a code lens builds: the --target and -f of its argument vector. */
export function lensBuild(line: BuildLine): { stage: string; file: string } | undefined {
  const args = line?.args ?? [];
  const t = args.indexOf('--target');
  if (t < 0 || t + 1 >= args.length || typeof line.cwd !== 'string') return undefined;
  const f = args.indexOf('-f');
  const name = f >= 0 && f + 1 < args.length ? args[f + 1] : 'Dockerfile';
  return { stage: args[t + 1], file: path.resolve(line.cwd, name) };
}

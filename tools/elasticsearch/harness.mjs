// A real Elasticsearch (security on, loopback only) for es-authz's tests and local runs.
//
// prepare(): fetch the integ-test-zip and the Mustache library with Maven (cached in ~/.m2),
//            unpack the zip once under .cache/, compile and install our test-support plugin (see
//            plugin/: analysis components and a Mustache script engine the zip lacks), make it
//            owned by an unprivileged user when we run as root (ES refuses root).
// start():   fresh config/data/logs per run, free ports, realms native1, file1 and jwt1 (a JWT
//            realm standing in for SAML/OIDC/LDAP/AD in tests), keystore with a per-run elastic
//            password and JWT HMAC key (never printed or logged), wait for health, report one line.
// stop():    terminate the process group and remove the run directory.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISTRIBUTION, MAVEN_ARTIFACT, MAVEN_GROUP, esVersion, requiredJavaMajor } from './version.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
const RUN_USER = 'esauthz';
const PLUGIN_NAME = 'es-authz-test-support';
// The Mustache library Elasticsearch's lang-mustache module is built on (its build.gradle pins
// com.github.spullara.mustache.java:compiler 0.9.10); our plugin's script engine runs on it.
const MUSTACHE = { group: 'com.github.spullara.mustache.java', artifact: 'compiler', version: '0.9.10' };
// The test cluster's JWT realm (see elasticsearchYml). Issuer and audience are fixed names; the
// HMAC key is generated per run.
const JWT_REALM = 'jwt1';
const JWT_ISSUER = 'https://idp.es-authz.test';
const JWT_AUDIENCE = 'es-authz-tests';
const START_TIMEOUT_MS = Number(process.env.ES_AUTHZ_ES_START_TIMEOUT_MS ?? 180_000);

/** @param {string} msg */
function log(msg) {
  process.stderr.write(`[es-harness] ${msg}\n`);
}

/**
 * Run a command synchronously; throw with its output on failure. `input` goes to stdin and is
 * never echoed (it may be a secret).
 * @param {string} cmd @param {string[]} args @param {{cwd?: string, env?: NodeJS.ProcessEnv, input?: string, what: string}} opts
 */
function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${opts.what}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${opts.what} failed (exit ${r.status}): ${cmd} ${args.join(' ')}\n${out}`);
  }
  return r.stdout;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------------------------------------
// Java

/** @param {string} home @returns {number | undefined} */
function javaMajorOf(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const m = /JAVA_VERSION="(\d+)(?:\.(\d+))?/.exec(release);
    if (!m) return undefined;
    const first = Number(m[1]);
    return first === 1 ? Number(m[2]) : first;
  } catch {
    return undefined;
  }
}

/** Pick a JDK (with javac) new enough for `version`: ES_JAVA_HOME if set, else the newest under /usr/lib/jvm. */
export function findJavaHome(version) {
  const need = requiredJavaMajor(version);
  const fromEnv = process.env.ES_JAVA_HOME;
  if (fromEnv) {
    const major = javaMajorOf(fromEnv);
    if (major !== undefined && major < need) {
      throw new Error(`ES_JAVA_HOME=${fromEnv} is Java ${major}; Elasticsearch ${version} needs Java ${need}+. Unset it or point it at a newer JDK.`);
    }
    return fromEnv;
  }
  const roots = ['/usr/lib/jvm'];
  /** @type {{home: string, major: number}[]} */
  const found = [];
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    for (const name of fs.readdirSync(root)) {
      const home = fs.realpathSync(path.join(root, name));
      const major = javaMajorOf(home);
      if (major !== undefined && fs.existsSync(path.join(home, 'bin', 'javac'))) found.push({ home, major });
    }
  }
  found.sort((a, b) => b.major - a.major);
  const best = found.find((j) => j.major >= need);
  if (!best) {
    const seen = found.map((j) => `${j.home} (Java ${j.major})`).join(', ') || 'none';
    throw new Error(`Elasticsearch ${version} needs a JDK ${need}+ with javac; found ${seen}. Install one (e.g. a Temurin JDK under /usr/lib/jvm) or set ES_JAVA_HOME.`);
  }
  return best.home;
}

// ---------------------------------------------------------------------------------------------
// Directories and the unprivileged user

function ensureRunUser() {
  const r = spawnSync('id', ['-u', RUN_USER], { encoding: 'utf8' });
  if (r.status === 0) return;
  log(`creating unprivileged user "${RUN_USER}" to run Elasticsearch (it refuses to run as root)`);
  run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_USER], { what: 'creating the Elasticsearch user' });
}

/** Can RUN_USER reach `dir` (every ancestor traversable)? */
function runUserCanReach(dir) {
  const r = spawnSync('runuser', ['-u', RUN_USER, '--', 'test', '-x', dir]);
  return r.status === 0;
}

/** Where the unpacked distribution and run directories live. */
export function cacheRoot() {
  if (process.env.ES_AUTHZ_CACHE_DIR) return path.resolve(process.env.ES_AUTHZ_CACHE_DIR);
  const inRepo = path.join(REPO_ROOT, '.cache', 'elasticsearch');
  if (!isRoot()) return inRepo;
  fs.mkdirSync(inRepo, { recursive: true });
  ensureRunUser();
  if (runUserCanReach(inRepo)) return inRepo;
  // e.g. a clone under /root (mode 700): the ES user cannot traverse it.
  const fallback = path.join('/var/tmp', 'es-authz-cache', 'elasticsearch');
  log(`${inRepo} is not reachable by user ${RUN_USER}; using ${fallback}`);
  return fallback;
}

function chownToRunUser(p) {
  if (isRoot()) run('chown', ['-R', `${RUN_USER}:${RUN_USER}`, p], { what: `chown ${p}` });
}

/** A simple cross-process lock (mkdir is atomic). */
async function withLock(dir, fn) {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      if (Number.isFinite(holder) && !isAlive(holder)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lock} (held by pid ${holder}); remove it if that process is gone`, { cause: e });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// Distribution + plugin

function m2Path(group, artifact, version, ext) {
  const m2 = process.env.MAVEN_REPO_LOCAL ?? path.join(os.homedir(), '.m2', 'repository');
  return path.join(m2, ...group.split('.'), artifact, version, `${artifact}-${version}.${ext}`);
}

function m2Zip(version) {
  return m2Path(MAVEN_GROUP, MAVEN_ARTIFACT, version, 'zip');
}

/** The Mustache library jar (about 100 KB, no runtime dependencies), fetched once into ~/.m2. */
function fetchMustacheJar() {
  const jar = m2Path(MUSTACHE.group, MUSTACHE.artifact, MUSTACHE.version, 'jar');
  if (fs.existsSync(jar)) return jar;
  const coords = `${MUSTACHE.group}:${MUSTACHE.artifact}:${MUSTACHE.version}`;
  log(`downloading ${coords} with Maven (once)`);
  run('mvn', ['-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get', `-Dartifact=${coords}`, '-Dtransitive=false'], {
    what: `fetching ${coords}`,
  });
  if (!fs.existsSync(jar)) throw new Error(`Maven reported success but ${jar} is missing`);
  return jar;
}

function fetchZip(version) {
  const zip = m2Zip(version);
  if (fs.existsSync(zip)) return zip;
  log(`downloading ${MAVEN_GROUP}:${MAVEN_ARTIFACT}:${version}:zip with Maven (about 130 MB, once)`);
  run(
    'mvn',
    [
      '-B',
      '-q',
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get',
      `-Dartifact=${MAVEN_GROUP}:${MAVEN_ARTIFACT}:${version}:zip`,
      '-Dtransitive=false',
    ],
    { what: `fetching Elasticsearch ${version}` },
  );
  if (!fs.existsSync(zip)) throw new Error(`Maven reported success but ${zip} is missing`);
  return zip;
}

function pluginSources() {
  const dir = path.join(HERE, 'plugin', 'src');
  /** @type {string[]} */
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.java')) files.push(p);
    }
  };
  walk(dir);
  return files.sort();
}

function pluginHash(version, javaHome) {
  const h = createHash('sha256').update(version).update(javaHome).update(`${MUSTACHE.group}:${MUSTACHE.artifact}:${MUSTACHE.version}`);
  for (const f of pluginSources()) h.update(f).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function buildPlugin(home, version, javaHome, workDir) {
  const classes = path.join(workDir, 'classes');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(classes, { recursive: true });
  const need = requiredJavaMajor(version);
  const mustacheJar = fetchMustacheJar();
  run(
    path.join(javaHome, 'bin', 'javac'),
    ['--release', String(need), '-nowarn', '-cp', `${path.join(home, 'lib')}/*${path.delimiter}${mustacheJar}`, '-d', classes, ...pluginSources()],
    { what: 'compiling the es-authz test-support plugin' },
  );
  const dest = path.join(home, 'plugins', PLUGIN_NAME);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  run(path.join(javaHome, 'bin', 'jar'), ['cf', path.join(dest, `${PLUGIN_NAME}.jar`), '-C', classes, '.'], {
    what: 'packing the test-support plugin',
  });
  // The plugin class loader loads every jar in the plugin directory: the library goes beside ours.
  fs.copyFileSync(mustacheJar, path.join(dest, path.basename(mustacheJar)));
  fs.writeFileSync(
    path.join(dest, 'plugin-descriptor.properties'),
    [
      'description=es-authz test support: analysis components and a Mustache script engine the integ-test-zip lacks (test tooling only)',
      'version=1.0.0',
      `name=${PLUGIN_NAME}`,
      'classname=org.esauthz.testsupport.TestSupportPlugin',
      `java.version=${need}`,
      `elasticsearch.version=${version}`,
      '',
    ].join('\n'),
  );
}

/**
 * Make sure the distribution for `version` is unpacked with our plugin installed.
 * @returns {Promise<{home: string, version: string, javaHome: string, root: string}>}
 */
export async function prepare(version = esVersion()) {
  const javaHome = findJavaHome(version);
  const root = cacheRoot();
  const home = path.join(root, `elasticsearch-${version}`);
  return withLock(home, async () => {
    const marker = path.join(home, '.es-authz-ready');
    const want = pluginHash(version, javaHome);
    if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === want) {
      return { home, version, javaHome, root };
    }
    if (!fs.existsSync(path.join(home, 'bin', 'elasticsearch'))) {
      const zip = fetchZip(version);
      const tmp = `${home}.unpack-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      log(`unpacking ${path.basename(zip)} into ${root}`);
      run('unzip', ['-q', zip, '-d', tmp], { what: 'unpacking Elasticsearch' });
      const inner = path.join(tmp, `elasticsearch-${version}`);
      if (!fs.existsSync(inner)) throw new Error(`unexpected zip layout: ${inner} missing`);
      fs.rmSync(home, { recursive: true, force: true });
      fs.renameSync(inner, home);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    buildPlugin(home, version, javaHome, path.join(root, `plugin-build-${version}`));
    chownToRunUser(home);
    fs.writeFileSync(marker, want);
    return { home, version, javaHome, root };
  });
}

// ---------------------------------------------------------------------------------------------
// Start / stop

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Password for the elastic user: 24 chars from a crypto RNG, with every character class ES/Kibana like. */
function generatePassword() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(24);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `${s}-Aa1`;
}

/** HMAC key for the JWT realm: 64 characters from a crypto RNG (ES uses its UTF-8 bytes: 512 bits). */
function generateHmacKey() {
  return randomBytes(48).toString('base64url');
}

function elasticsearchYml({ httpPort, transportPort, dataDir, logsDir }) {
  const jwt = `xpack.security.authc.realms.jwt.${JWT_REALM}`;
  return [
    '# Written per run by es-authz tools/elasticsearch (test cluster only).',
    'cluster.name: es-authz-test',
    'node.name: es-authz-node',
    'discovery.type: single-node',
    'network.host: 127.0.0.1',
    `http.port: ${httpPort}`,
    `transport.port: ${transportPort}`,
    `path.data: ${dataDir}`,
    `path.logs: ${logsDir}`,
    'xpack.security.enabled: true',
    'xpack.security.http.ssl.enabled: false',
    'xpack.security.transport.ssl.enabled: false',
    'xpack.security.enrollment.enabled: false',
    'xpack.security.authc.api_key.enabled: true',
    'xpack.security.authc.token.enabled: true',
    'xpack.license.self_generated.type: trial',
    // Realms: once any realm is configured ES adds no default ones, so native and file are
    // declared too. jwt1 is the test stand-in for SAML/OIDC/LDAP/AD: users come with a principal,
    // groups, dn, mail, name and metadata (jwt_claim_* from the token's claims), and role
    // mappings resolve them with the same engine. Its HMAC key is in the keystore.
    'xpack.security.authc.realms.native.native1.order: 0',
    'xpack.security.authc.realms.file.file1.order: 1',
    `${jwt}.order: 2`,
    `${jwt}.token_type: id_token`,
    `${jwt}.allowed_issuer: "${JWT_ISSUER}"`,
    `${jwt}.allowed_audiences: ["${JWT_AUDIENCE}"]`,
    `${jwt}.allowed_signature_algorithms: [HS256]`,
    `${jwt}.claims.principal: sub`,
    `${jwt}.claims.groups: groups`,
    `${jwt}.claims.dn: dn`,
    `${jwt}.claims.mail: mail`,
    `${jwt}.claims.name: name`,
    `${jwt}.client_authentication.type: none`,
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.destructive_requires_name: false',
    '',
  ].join('\n');
}

function asRunUser(cmd, args, env) {
  if (!isRoot()) return { cmd, args, env };
  const envArgs = Object.entries(env)
    .filter(([k]) => k.startsWith('ES_') || k === 'LIBFFI_TMPDIR' || k === 'JAVA_HOME' || k === 'PATH' || k === 'LANG')
    .map(([k, v]) => `${k}=${v}`);
  return { cmd: 'runuser', args: ['-u', RUN_USER, '--', 'env', '-i', ...envArgs, cmd, ...args], env };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

async function requestJson(url, { method = 'GET', auth, body, timeoutMs = 5000 } = {}) {
  const headers = { accept: 'application/json' };
  if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/**
 * Start a fresh single-node cluster.
 * @param {{version?: string, heap?: string, quiet?: boolean}} [opts]
 */
export async function start(opts = {}) {
  const t0 = Date.now();
  const { home, version, javaHome, root } = await prepare(opts.version);
  const runsDir = path.join(root, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(runsDir, 'run-'));
  const confDir = path.join(runDir, 'config');
  const dataDir = path.join(runDir, 'data');
  const logsDir = path.join(runDir, 'logs');
  const tmpDir = path.join(runDir, 'tmp');
  for (const d of [dataDir, logsDir, tmpDir]) fs.mkdirSync(d, { recursive: true });
  fs.cpSync(path.join(home, 'config'), confDir, { recursive: true });
  const [httpPort, transportPort] = [await freePort(), await freePort()];
  fs.writeFileSync(path.join(confDir, 'elasticsearch.yml'), elasticsearchYml({ httpPort, transportPort, dataDir, logsDir }));
  chownToRunUser(runDir);

  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    ES_JAVA_HOME: javaHome,
    ES_PATH_CONF: confDir,
    ES_TMPDIR: tmpDir,
    LIBFFI_TMPDIR: tmpDir,
    ES_JAVA_OPTS: `-Xms${opts.heap ?? '512m'} -Xmx${opts.heap ?? '512m'}`,
  };

  const password = generatePassword();
  const hmacKey = generateHmacKey();
  // One JVM start for the whole keystore (the tool takes 1-2 s per call): `add -f` creates the
  // keystore when missing, and `-x` with several settings reads one value per stdin line.
  const ksAdd = asRunUser(
    path.join(home, 'bin', 'elasticsearch-keystore'),
    ['add', '-x', '-f', 'bootstrap.password', `xpack.security.authc.realms.jwt.${JWT_REALM}.hmac_key`],
    env,
  );
  run(ksAdd.cmd, ksAdd.args, { env: ksAdd.env, input: `${password}\n${hmacKey}\n`, what: 'creating the keystore (bootstrap.password, JWT HMAC key)' });

  const consoleLog = path.join(logsDir, 'console.log');
  const out = fs.openSync(consoleLog, 'a');
  const es = asRunUser(path.join(home, 'bin', 'elasticsearch'), [], env);
  const child = spawn(es.cmd, es.args, { env: es.env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = /** @type {null | {code: number | null, signal: string | null}} */ (null);
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const url = `http://127.0.0.1:${httpPort}`;
  const handle = {
    url,
    username: 'elastic',
    password,
    version,
    distribution: DISTRIBUTION,
    pid: /** @type {number} */ (child.pid),
    runDir,
    home,
    startSeconds: 0,
    jwt: { realm: JWT_REALM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, hmacKey },
  };

  const auth = { username: 'elastic', password };
  let lastProblem = 'no answer yet';
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const why = `Elasticsearch exited during start-up (code ${exited.code}, signal ${exited.signal})`;
      await stop(handle, { keepRunDir: true });
      throw startFailure(why, logsDir, consoleLog);
    }
    if (Date.now() > deadline) {
      await stop(handle, { keepRunDir: true });
      throw startFailure(`Elasticsearch did not become healthy within ${START_TIMEOUT_MS / 1000} s (last: ${lastProblem})`, logsDir, consoleLog);
    }
    try {
      const r = await requestJson(`${url}/_cluster/health?wait_for_status=yellow&timeout=2s`, { auth, timeoutMs: 5000 });
      if (r.status === 200 && (r.json?.status === 'yellow' || r.json?.status === 'green')) break;
      lastProblem = `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
    } catch (e) {
      lastProblem = /** @type {Error} */ (e).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.unref();
  handle.startSeconds = (Date.now() - t0) / 1000;
  try {
    const r = await requestJson(`${url}/_nodes/_local`, { auth });
    const node = r.json && Object.values(r.json.nodes ?? {})[0];
    if (node?.version) handle.version = node.version;
  } catch {
    /* keep the requested version */
  }
  return handle;
}

function startFailure(reason, logsDir, consoleLog) {
  const esLog = path.join(logsDir, 'es-authz-test.log');
  const detail = fs.existsSync(esLog) ? tail(esLog) : tail(consoleLog);
  const err = new Error(`${reason}\n--- tail of ${fs.existsSync(esLog) ? esLog : consoleLog} ---\n${detail}\n---`);
  return err;
}

/** Line printed once per run. */
export function describe(handle) {
  return `Elasticsearch ${handle.version} (${handle.distribution}) at ${handle.url}, started in ${handle.startSeconds.toFixed(1)} s`;
}

/**
 * Stop a cluster started by start() (or recorded in a state file) and remove its run directory.
 * @param {{pid: number, runDir: string}} handle @param {{keepRunDir?: boolean}} [opts]
 */
export async function stop(handle, opts = {}) {
  const signalGroup = (sig) => {
    try {
      process.kill(-handle.pid, sig);
      return true;
    } catch {
      try {
        process.kill(handle.pid, sig);
        return true;
      } catch {
        return false;
      }
    }
  };
  if (signalGroup('SIGTERM')) {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && groupAlive(handle.pid)) await new Promise((r) => setTimeout(r, 200));
    if (groupAlive(handle.pid)) signalGroup('SIGKILL');
  }
  if (!opts.keepRunDir && !process.env.ES_AUTHZ_KEEP_RUN_DIR) fs.rmSync(handle.runDir, { recursive: true, force: true });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// State file for `npm run es:start` / `es:stop` (mode 600: it holds the per-run password).

export function stateFile() {
  return path.join(REPO_ROOT, '.cache', 'elasticsearch-current.json');
}

export function saveState(handle) {
  fs.mkdirSync(path.dirname(stateFile()), { recursive: true });
  fs.writeFileSync(stateFile(), JSON.stringify(handle, null, 2), { mode: 0o600 });
}

export function loadState() {
  try {
    const s = JSON.parse(fs.readFileSync(stateFile(), 'utf8'));
    return s && isAlive(s.pid) ? s : undefined;
  } catch {
    return undefined;
  }
}

export function clearState() {
  fs.rmSync(stateFile(), { force: true });
}
